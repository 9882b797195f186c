package io.ays.cli.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class DomainResolverTest {

  private final Target target = Target.of("hello-http", null, null);

  @Test
  void theOnlyDomainIsTaken() {
    assertThat(DomainResolver.only(new TreeSet<>(java.util.Set.of("e2e")), target, false))
        .isEqualTo("e2e");
  }

  @Test
  void noneIsAnErrorNamingTheTemplate() {
    assertThatThrownBy(() -> DomainResolver.only(new TreeSet<>(), target, false))
        .hasMessageStartingWith("no template hello-http in the registry");
  }

  @Test
  void severalAreListed() {
    assertThatThrownBy(
            () -> DomainResolver.only(new TreeSet<>(java.util.Set.of("b", "a")), target, true))
        .hasMessage("instance hello-http/main exists in the domains a, b: give -d");
  }
}
