package io.ays.executor.retention;

import io.ays.contracts.Phase;
import io.ays.contracts.PhaseCommand;
import io.ays.contracts.TemplateRef;
import io.ays.executor.action.InstanceFolders;
import io.ays.executor.config.ExecutorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Which template version each instance on this node was last given a phase with, one small file per
 * instance under {@code <data dir>/installed/}: the versions the template cache must keep ({@link
 * TemplateCacheRetention}). Written when a phase is taken on, removed when an uninstall succeeds.
 */
@ApplicationScoped
public class InstalledTemplates {

  private static final Logger LOG = Logger.getLogger(InstalledTemplates.class);

  private final Path dir;
  private final InstanceFolders folders;

  @Inject
  public InstalledTemplates(ExecutorConfig config) {
    this(config.dataDir().toAbsolutePath().normalize());
  }

  /** The records of the executor whose data folder is {@code dataDir}. */
  public InstalledTemplates(Path dataDir) {
    this.dir = dataDir.resolve("installed");
    this.folders = new InstanceFolders(dataDir);
  }

  /** Records that {@code command}'s instance uses {@code command}'s template version. */
  public void using(PhaseCommand command) {
    if (command.phase() == Phase.UNINSTALL) {
      return; // the version it was installed from stays recorded until the uninstall succeeded
    }
    TemplateRef ref = command.template();
    String line = ref.domain() + "/" + ref.name() + "/" + ref.contentHash();
    Path record = record(command);
    try {
      if (Files.isRegularFile(record)
          && Files.readString(record, StandardCharsets.UTF_8).equals(line)) {
        return;
      }
      Files.createDirectories(dir);
      Path temp = Files.createTempFile(dir, ".record-", "");
      Files.writeString(temp, line, StandardCharsets.UTF_8);
      Files.move(temp, record, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      // Not worth failing the phase for: without the record, the version is only kept while it is
      // the newest or younger than the cache's retention.
      LOG.warnf("cannot record the template of %s: %s", command.instanceKey(), e.getMessage());
    }
  }

  /** Forgets {@code command}'s instance: it was uninstalled. */
  public void uninstalled(PhaseCommand command) {
    try {
      Files.deleteIfExists(record(command));
    } catch (IOException e) {
      LOG.warnf("cannot forget the template of %s: %s", command.instanceKey(), e.getMessage());
    }
  }

  /** Every recorded version as {@code domain/name/hash}. */
  public Set<String> versions() {
    Set<String> versions = new HashSet<>();
    if (!Files.isDirectory(dir)) {
      return versions;
    }
    try (Stream<Path> records = Files.list(dir)) {
      for (Path record : records.toList()) {
        if (!record.getFileName().toString().startsWith(".")) {
          versions.add(Files.readString(record, StandardCharsets.UTF_8).trim());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + dir, e);
    }
    return versions;
  }

  private Path record(PhaseCommand command) {
    return dir.resolve(folders.instanceDir(command.instanceKey()).getFileName().toString());
  }
}
