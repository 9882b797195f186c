package io.ays.executor.retention;

import static org.assertj.core.api.Assertions.assertThat;

import io.ays.executor.process.LogRotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hook and action logs every phase appends to stay bounded: a log over the size limit is
 * rotated, rotated copies older than the retention are deleted, and the live logs and newer copies
 * stay.
 */
class ActionLogRetentionTest {

  @TempDir Path logs;

  @Test
  void largeActionLogsAreRotatedAndOldRotatedCopiesDeleted() throws Exception {
    Instant now = Instant.now();
    Path instance = Files.createDirectories(logs.resolve("demo__web__main"));
    Path hooks = Files.writeString(instance.resolve("hooks.log"), "x".repeat(200));
    Path actions = Files.writeString(instance.resolve("actions.log"), "small\n");
    Path process = Files.writeString(instance.resolve("web.log"), "live process log\n");
    Path oldCopy = Files.writeString(instance.resolve("web.log.2"), "old\n");
    Files.setLastModifiedTime(oldCopy, FileTime.from(now.minus(Duration.ofDays(40))));
    Path recentCopy = Files.writeString(instance.resolve("web.log.1"), "recent\n");
    Files.setLastModifiedTime(process, FileTime.from(now.minus(Duration.ofDays(60))));

    ActionLogRetention retention =
        new ActionLogRetention(logs, new LogRotation(100, 3), Duration.ofDays(30));

    assertThat(retention.pruneBatch(now, 500)).as("one rotation, one deletion").isEqualTo(2);
    assertThat(hooks).as("rotated: truncated in place").isEmptyFile();
    assertThat(instance.resolve("hooks.log.1")).hasContent("x".repeat(200));
    assertThat(actions).as("under the limit").hasContent("small\n");
    assertThat(oldCopy).as("a rotated copy older than the retention").doesNotExist();
    assertThat(recentCopy).exists();
    assertThat(process).as("a live log is never deleted, however old").exists();
    assertThat(retention.pruneBatch(now, 500)).as("nothing more is due").isZero();
  }
}
