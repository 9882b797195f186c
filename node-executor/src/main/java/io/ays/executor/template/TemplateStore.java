package io.ays.executor.template;

import io.ays.contracts.TemplateDefinition;
import io.ays.contracts.TemplateFile;
import io.ays.contracts.TemplateRef;
import io.ays.executor.config.ExecutorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The template versions this executor has received, as folders on disk ({@code
 * templates/<domain>/<name>/<content hash>/}): content-addressed, so a version once written never
 * changes, and hooks can be run straight from it.
 */
@ApplicationScoped
public class TemplateStore {

  private static final long POLL_MILLIS = 100;

  private final Path root;
  private final Duration wait;

  public TemplateStore(ExecutorConfig config) {
    // Absolute: hooks run from here with the instance folder as their working directory.
    this.root = config.dataDir().toAbsolutePath().normalize().resolve("templates");
    this.wait = config.templateWait();
  }

  /** Writes a published version; a version already stored is left as it is. */
  public void store(TemplateDefinition definition) {
    Path target = folder(definition.ref());
    if (Files.isDirectory(target)) {
      return;
    }
    try {
      Files.createDirectories(target.getParent());
      Path staging = Files.createTempDirectory(target.getParent(), ".staging-");
      write(staging.resolve("service.hrd"), TemplateFile.text(definition.serviceHrd(), false));
      if (definition.instanceHrd() != null) {
        write(staging.resolve("instance.hrd"), TemplateFile.text(definition.instanceHrd(), false));
      }
      for (Map.Entry<String, TemplateFile> file : definition.files().entrySet()) {
        // Paths were checked by the contract: relative, no '..'.
        write(staging.resolve(file.getKey()), file.getValue());
      }
      try {
        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException raced) {
        // Another delivery of the same version won; its content is the same.
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot store template " + definition.ref(), e);
    }
  }

  /**
   * The folder of a version, waiting a little for it to arrive: the command and the template it
   * names come through different topics, so the command can be first.
   */
  public Optional<Path> await(TemplateRef ref) throws InterruptedException {
    Path folder = folder(ref);
    long deadline = System.nanoTime() + wait.toNanos();
    while (!Files.isDirectory(folder)) {
      if (System.nanoTime() > deadline) {
        return Optional.empty();
      }
      Thread.sleep(POLL_MILLIS);
    }
    return Optional.of(folder);
  }

  private Path folder(TemplateRef ref) {
    return root.resolve(ref.domain()).resolve(ref.name()).resolve(ref.contentHash());
  }

  private static void write(Path path, TemplateFile file) throws IOException {
    Files.createDirectories(path.getParent());
    Files.write(path, file.bytes());
    if (file.executable()) {
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }
}
