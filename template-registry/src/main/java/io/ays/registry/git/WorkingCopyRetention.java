package io.ays.registry.git;

import io.ays.messaging.RetainedRecords;
import io.ays.registry.config.RegistryConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Deletes the working copy ({@code <work dir>/<domain>}) of a repository no longer in {@code
 * ays.registry.repositories}: each configured repository has one, and a removed one would stay
 * forever. Only a folder holding {@code .git} is taken for a working copy; a folder whose name
 * starts with a dot (the hosted repositories, {@code .hosted}) is never touched. The template
 * versions synced from it stay in the database (their own retention applies); adding the repository
 * back clones it again.
 */
@ApplicationScoped
public class WorkingCopyRetention implements RetainedRecords {

  private final Path workDir;
  private final Set<String> configured;
  private final Optional<Path> hostedDir;

  @Inject
  public WorkingCopyRetention(RegistryConfig config) {
    this(
        config.workDir(),
        RepositorySource.parseList(config.repositories().orElse("")).stream()
            .map(RepositorySource::domain)
            .collect(Collectors.toSet()),
        config.git().dir());
  }

  /**
   * The rule for the working copies under {@code workDir} of the {@code configured} domains; the
   * hosted repositories' folder, if it is inside, is never touched.
   */
  public WorkingCopyRetention(Path workDir, Set<String> configured, Optional<Path> hostedDir) {
    this.workDir = workDir.toAbsolutePath().normalize();
    this.configured = Set.copyOf(configured);
    this.hostedDir = hostedDir.map(dir -> dir.toAbsolutePath().normalize());
  }

  @Override
  public String kind() {
    return "working_copies";
  }

  @Override
  public String rule() {
    return "the working copies of the configured repositories " + configured;
  }

  @Override
  public int pruneBatch(Instant now, int limit) {
    if (!Files.isDirectory(workDir)) {
      return 0;
    }
    int deleted = 0;
    try (Stream<Path> folders = Files.list(workDir)) {
      for (Path folder : folders.toList()) {
        String name = folder.getFileName().toString();
        if (deleted >= limit
            || name.startsWith(".")
            || configured.contains(name)
            || hostedDir.filter(hosted -> hosted.startsWith(folder)).isPresent()
            || !Files.isDirectory(folder.resolve(".git"))) {
          continue;
        }
        deleteTree(folder);
        deleted++;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("pruning the working copies in " + workDir + " failed", e);
    }
    return deleted;
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
