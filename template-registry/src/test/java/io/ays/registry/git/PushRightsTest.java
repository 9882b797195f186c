package io.ays.registry.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PushRightsTest {

  @Test
  void aPatternCoversTheRepositoriesOfItsGroupOnly() {
    PushRights rights = PushRights.of(List.of("binary/*", "meta/templates.git"));

    assertThat(rights.allow(HostedRepositoryName.parse("binary/pkg.git"))).isTrue();
    assertThat(rights.allow(HostedRepositoryName.parse("meta/templates"))).isTrue();
    assertThat(rights.allow(HostedRepositoryName.parse("meta/other.git"))).isFalse();
    assertThat(rights.allow(HostedRepositoryName.parse("binaryx/pkg.git"))).isFalse();
    assertThat(rights.allow(HostedRepositoryName.parse("pkg.git"))).isFalse();
  }

  @Test
  void noClaimOrAMalformedEntryGivesNoRight() {
    assertThat(PushRights.of(null).allow(HostedRepositoryName.parse("pkg"))).isFalse();
    assertThat(PushRights.of(List.of("../*", "a/b/c")).patterns()).isEmpty();
    assertThat(PushRights.of("binary/*, lib/x").patterns()).containsExactly("binary/*", "lib/x");
  }
}
