package io.ays.executor.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Following a log ({@code ays logs --follow}) across its rotation loses no line. */
class LogLinesTest {

  @TempDir Path dir;

  private final LogRotation rotateAnything = new LogRotation(1, 3);

  @Test
  void aFollowerFindsTheLinesWrittenBeforeARotationInTheRotatedCopy() throws Exception {
    Path log = dir.resolve("process.1.log");
    Files.writeString(log, "one\ntwo\n");
    LogLines.Slice first = LogLines.after(log, 0);
    assertThat(first.lines()).containsExactly("one", "two");

    append(log, "three\nfour\n");
    assertThat(rotateAnything.rotateIfLarge(log)).isTrue();
    append(log, "five\n");

    LogLines.Slice next = LogLines.after(log, first.end());
    assertThat(next.lines()).containsExactly("three", "four", "five");
    assertThat(next.end()).isEqualTo("five\n".length());

    append(log, "six\n");
    assertThat(LogLines.after(log, next.end()).lines()).containsExactly("six");
  }

  @Test
  void aLineCutByTheRotationIsShownInItsTwoParts() throws Exception {
    Path log = dir.resolve("process.1.log");
    Files.writeString(log, "the first line, long\n");
    long end = LogLines.after(log, 0).end();

    append(log, "half a li");
    rotateAnything.rotateIfLarge(log);
    append(log, "ne\nnext\n");

    assertThat(LogLines.after(log, end).lines()).containsExactly("half a li", "ne", "next");
  }

  @Test
  void aCopyShorterThanTheFollowersPositionIsNotTheOneItReadAndIsSkipped() throws Exception {
    Path log = dir.resolve("process.1.log");
    Files.writeString(log, "a long first line that the follower read\n");
    long end = LogLines.after(log, 0).end();
    Files.writeString(dir.resolve("process.1.log.1"), "short\n");
    Files.writeString(log, "new\n");

    assertThat(LogLines.after(log, end).lines()).containsExactly("new");
  }

  @Test
  void anUnfinishedLastLineWaitsForItsNewline() throws Exception {
    Path log = dir.resolve("process.1.log");
    Files.writeString(log, "done\nstill wri");

    LogLines.Slice slice = LogLines.after(log, 0);
    assertThat(slice.lines()).containsExactly("done");
    assertThat(slice.end()).isEqualTo("done\n".length());
  }

  private static void append(Path log, String text) throws Exception {
    Files.writeString(log, text, StandardOpenOption.APPEND);
  }
}
