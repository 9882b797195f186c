package io.ays.executor.retention;

import io.ays.executor.config.ExecutorConfig;
import io.ays.messaging.RetainedRecords;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Deletes template versions from the executor's cache ({@code <data dir>/templates/<domain>/<name>/
 * <hash>}) stored more than {@code ays.executor.template-retention} (30 days) ago, except the
 * newest of each template and every version an instance on this node uses ({@link
 * InstalledTemplates}). A version comes only from {@code ays.templates}, which keeps the newest of
 * each template: an older one deleted here is not received again.
 */
@ApplicationScoped
public class TemplateCacheRetention implements RetainedRecords {

  private final Path root;
  private final InstalledTemplates installed;
  private final Duration retention;

  @Inject
  public TemplateCacheRetention(
      ExecutorConfig config,
      InstalledTemplates installed,
      @ConfigProperty(name = "ays.executor.template-retention", defaultValue = "30d")
          Duration retention) {
    this(config.dataDir().toAbsolutePath().normalize().resolve("templates"), installed, retention);
  }

  /** The rule for the cache under {@code root}. */
  public TemplateCacheRetention(Path root, InstalledTemplates installed, Duration retention) {
    this.root = root;
    this.installed = installed;
    this.retention = retention;
  }

  @Override
  public String kind() {
    return "template_cache";
  }

  @Override
  public String rule() {
    return "template versions stored within "
        + retention
        + ", the newest of each template and those instances use";
  }

  @Override
  public int pruneBatch(Instant now, int limit) {
    Set<String> inUse = installed.versions();
    Instant cutoff = now.minus(retention);
    int deleted = 0;
    try {
      for (Path template : templates()) {
        List<Path> versions = newestFirst(template);
        for (Path version : versions.subList(Math.min(1, versions.size()), versions.size())) {
          if (deleted >= limit) {
            return deleted;
          }
          String id = root.relativize(version).toString().replace('\\', '/');
          if (!inUse.contains(id)
              && Files.getLastModifiedTime(version).toInstant().isBefore(cutoff)) {
            deleteTree(version);
            deleted++;
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("pruning " + root + " failed", e);
    }
    return deleted;
  }

  /** Every {@code <domain>/<name>} folder. */
  private List<Path> templates() throws IOException {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> domains = Files.list(root)) {
      List<Path> result = new java.util.ArrayList<>();
      for (Path domain : domains.filter(Files::isDirectory).toList()) {
        try (Stream<Path> names = Files.list(domain)) {
          names.filter(Files::isDirectory).forEach(result::add);
        }
      }
      return result;
    }
  }

  /** The stored versions of a template, newest first (a version is written once, then moved in). */
  private static List<Path> newestFirst(Path template) throws IOException {
    try (Stream<Path> versions = Files.list(template)) {
      return versions
          .filter(Files::isDirectory)
          .filter(v -> !v.getFileName().toString().startsWith(".")) // a version being stored
          .sorted(Comparator.comparing(TemplateCacheRetention::modified).reversed())
          .toList();
    }
  }

  private static Instant modified(Path path) {
    try {
      return Files.getLastModifiedTime(path).toInstant();
    } catch (IOException e) {
      return Instant.EPOCH;
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
