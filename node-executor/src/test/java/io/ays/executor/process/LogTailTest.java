package io.ays.executor.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The output tail a result carries is read from the log itself, never through a link. */
class LogTailTest {

  @TempDir Path tmp;

  @Test
  void readsTheEndOfTheLog() throws Exception {
    Path log = tmp.resolve("hooks.log");
    Files.writeString(log, "0123456789");
    assertThat(LogTail.of(log, 4)).isEqualTo("6789");
    assertThat(LogTail.of(log, 100)).isEqualTo("0123456789");
  }

  @Test
  void aLogReplacedByALinkIsNotReadOut() throws Exception {
    Path secret = tmp.resolve("secret");
    Files.writeString(secret, "the secret");
    Path log = tmp.resolve("hooks.log");
    Files.createSymbolicLink(log, secret);
    assertThat(LogTail.of(log, 100)).isEmpty();
    assertThat(LogLinesProbe.readThroughLink(log)).doesNotContain("the secret");
  }

  /** LogLines.after on a link fails instead of reading the target. */
  static final class LogLinesProbe {
    static String readThroughLink(Path log) {
      try {
        return LogLines.after(log, 0).lines().toString();
      } catch (java.io.IOException e) {
        return "refused: " + e.getMessage();
      }
    }
  }
}
