package io.ays.executor.retention;

import io.ays.executor.config.ExecutorConfig;
import io.ays.executor.process.LogRotation;
import io.ays.messaging.RetainedRecords;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Bounds the logs the executor itself writes per instance, under {@code <data
 * dir>/logs/<instance>}: the hook log ({@code hooks.log}) and the python actions' log ({@code
 * actions.log}), which every phase appends to. A log over {@code ays.executor.log-max-bytes} (10
 * MiB) is rotated like a process log ({@link LogRotation}: {@code .1} ... {@code .N}, {@code
 * ays.executor.log-keep}), and any rotated copy (of these logs and of the process logs) not written
 * for {@code ays.executor.log-retention} (30 days) is deleted. The live logs are never deleted.
 */
@ApplicationScoped
public class ActionLogRetention implements RetainedRecords {

  private static final List<String> ACTION_LOGS = List.of("hooks.log", "actions.log");
  private static final Pattern ROTATED_COPY = Pattern.compile(".+\\.log\\.[0-9]+");

  private final Path logsRoot;
  private final LogRotation rotation;
  private final Duration retention;

  @Inject
  public ActionLogRetention(
      ExecutorConfig config,
      @ConfigProperty(name = "ays.executor.log-retention", defaultValue = "30d")
          Duration retention) {
    this(
        config.dataDir().toAbsolutePath().normalize().resolve("logs"),
        new LogRotation(config.logMaxBytes(), config.logKeep()),
        retention);
  }

  /** The rule for the instance logs under {@code logsRoot}. */
  public ActionLogRetention(Path logsRoot, LogRotation rotation, Duration retention) {
    this.logsRoot = logsRoot;
    this.rotation = rotation;
    this.retention = retention;
  }

  @Override
  public String kind() {
    return "instance_logs";
  }

  @Override
  public String rule() {
    return "hook and action logs rotated by size, rotated copies of the last " + retention;
  }

  /** Rotates and deletes across all instances; {@code limit} bounds the deletions of one call. */
  @Override
  public int pruneBatch(Instant now, int limit) {
    if (!Files.isDirectory(logsRoot)) {
      return 0;
    }
    Instant cutoff = now.minus(retention);
    int done = 0;
    try (Stream<Path> instances = Files.list(logsRoot)) {
      for (Path dir : instances.filter(Files::isDirectory).toList()) {
        for (String name : ACTION_LOGS) {
          if (rotation.rotateIfLarge(dir.resolve(name))) {
            done++;
          }
        }
        done += deleteOldCopies(dir, cutoff, limit - done);
        if (done >= limit) {
          break;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("listing " + logsRoot + " failed", e);
    }
    return done;
  }

  private static int deleteOldCopies(Path dir, Instant cutoff, int limit) throws IOException {
    int deleted = 0;
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.toList()) {
        if (deleted >= limit) {
          break;
        }
        if (ROTATED_COPY.matcher(file.getFileName().toString()).matches()
            && Files.isRegularFile(file)
            && Files.getLastModifiedTime(file).toInstant().isBefore(cutoff)) {
          Files.deleteIfExists(file);
          deleted++;
        }
      }
    }
    return deleted;
  }
}
