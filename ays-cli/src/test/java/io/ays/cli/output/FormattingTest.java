package io.ays.cli.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FormattingTest {

  @Test
  void tablesAlignColumnsAndShowNullsAsDashes() {
    Table table =
        new Table("NAME", "STATE", "PORTS").row("hello-http", "RUNNING", 8090).row("db", null, "");
    assertThat(table.toString())
        .isEqualTo(
            String.join(
                System.lineSeparator(),
                "NAME        STATE    PORTS",
                "hello-http  RUNNING  8090",
                "db          -",
                ""));
  }

  @Test
  void durationsForPeople() {
    assertThat(Durations.millis(420L)).isEqualTo("0.4s");
    assertThat(Durations.millis(59_900L)).isEqualTo("59.9s");
    assertThat(Durations.millis(185_000L)).isEqualTo("3m05s");
    assertThat(Durations.millis(7_800_000L)).isEqualTo("2h10m");
    assertThat(Durations.millis(null)).isEqualTo("-");
  }

  @Test
  void durationOptionsAreRead() {
    assertThat(Durations.parse("90s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(Durations.parse("10m")).isEqualTo(Duration.ofMinutes(10));
    assertThat(Durations.parse("1h")).isEqualTo(Duration.ofHours(1));
    assertThat(Durations.parse("250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(Durations.parse("30")).isEqualTo(Duration.ofSeconds(30));
    assertThatThrownBy(() -> Durations.parse("soon"))
        .hasMessage("'soon' is not a duration (e.g. 90s, 10m, 1h)");
  }
}
