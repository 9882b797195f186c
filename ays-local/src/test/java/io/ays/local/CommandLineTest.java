package io.ays.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class CommandLineTest {

  private static final Set<String> KNOWN = Set.of("port", "data-dir");

  @Test
  void readsSeparateAndInlineValues() {
    CommandLine cl =
        CommandLine.parse("T", new String[] {"--port", "15432", "--data-dir=/x y"}, KNOWN);

    assertThat(cl.getInt("port", 1)).isEqualTo(15432);
    assertThat(cl.require("data-dir")).isEqualTo("/x y");
  }

  @Test
  void fallsBackToDefaults() {
    CommandLine cl = CommandLine.parse("T", new String[0], KNOWN);

    assertThat(cl.getInt("port", 9)).isEqualTo(9);
    assertThat(cl.get("data-dir", "d")).isEqualTo("d");
  }

  @Test
  void rejectsUnknownOptionsNamingTheKnownOnes() {
    assertThatThrownBy(() -> CommandLine.parse("T", new String[] {"--prot", "1"}, KNOWN))
        .hasMessageContaining("unknown option --prot")
        .hasMessageContaining("port");
  }

  @Test
  void namesAMissingRequiredOptionAndABadNumber() {
    CommandLine cl = CommandLine.parse("T", new String[] {"--port", "x"}, KNOWN);

    assertThatThrownBy(() -> cl.require("data-dir")).hasMessageContaining("--data-dir");
    assertThatThrownBy(() -> cl.getInt("port", 1)).hasMessageContaining("must be a number");
  }

  @Test
  void rejectsAnOptionWithoutValue() {
    assertThatThrownBy(() -> CommandLine.parse("T", new String[] {"--port"}, KNOWN))
        .hasMessageContaining("needs a value");
  }
}
