package io.ays.executor.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogRotationTest {

  @TempDir Path dir;

  @Test
  void aLogOverTheLimitIsKeptAsDotOneAndStartsEmptyWithTheOldestDropped() throws Exception {
    Path log = dir.resolve("process.1.log");
    LogRotation rotation = new LogRotation(10, 2);

    Files.writeString(log, "first run output\n");
    assertThat(rotation.rotateIfLarge(log)).isTrue();
    Files.writeString(log, "second run output\n");
    assertThat(rotation.rotateIfLarge(log)).isTrue();
    Files.writeString(log, "third run output\n");
    assertThat(rotation.rotateIfLarge(log)).isTrue();

    assertThat(log).isEmptyFile();
    assertThat(dir.resolve("process.1.log.1")).hasContent("third run output");
    assertThat(dir.resolve("process.1.log.2")).hasContent("second run output");
    assertThat(dir.resolve("process.1.log.3")).doesNotExist();
  }

  @Test
  void aSmallLogIsLeftAlone() throws Exception {
    Path log = dir.resolve("p.log");
    Files.writeString(log, "small");

    assertThat(new LogRotation(1000, 2).rotateIfLarge(log)).isFalse();
    assertThat(log).hasContent("small");
  }
}
