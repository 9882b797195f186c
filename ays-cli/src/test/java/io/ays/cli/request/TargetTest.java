package io.ays.cli.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ays.cli.CliException;
import io.ays.cli.ExitCodes;
import org.junit.jupiter.api.Test;

class TargetTest {

  @Test
  void aNameAloneHasTheDefaultInstanceAndNoDomain() {
    Target target = Target.of("hello-http", null, null);
    assertThat(target).isEqualTo(new Target(null, "hello-http", "main"));
    assertThat(target.hasDomain()).isFalse();
  }

  @Test
  void theNameMayCarryDomainAndInstance() {
    assertThat(Target.of("e2e/hello-http/blue", null, null).key().toString())
        .isEqualTo("e2e/hello-http/blue");
    assertThat(Target.of("e2e/hello-http", null, "blue").key().toString())
        .isEqualTo("e2e/hello-http/blue");
    assertThat(Target.of("hello-http", "e2e", null).key().toString())
        .isEqualTo("e2e/hello-http/main");
  }

  @Test
  void optionsMustAgreeWithTheName() {
    assertThatThrownBy(() -> Target.of("e2e/hello-http", "other", null))
        .isInstanceOf(CliException.class)
        .hasMessage("the domain is 'e2e' in NAME but 'other' in -d");
  }

  @Test
  void aBadPartIsNamedAsAUsageError() {
    assertThatThrownBy(() -> Target.of("e2e/hello http", null, null))
        .isInstanceOf(CliException.class)
        .hasMessageStartingWith("'e2e/hello http': ")
        .hasMessageContaining("name")
        .extracting(e -> ((CliException) e).exitCode())
        .isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void aMissingNameIsAUsageError() {
    assertThatThrownBy(() -> Target.of(null, "e2e", null))
        .hasMessage("give the template NAME (or -n NAME)");
  }
}
