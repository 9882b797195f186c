package io.ays.executor.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NodePlatformTest {

  private final NodePlatform debian = new NodePlatform("linux", "amd64", "debian", "12");

  @Test
  void answersToTheOriginalsPlatformNames() {
    assertThat(debian.names())
        .contains("generic", "unix", "linux", "linux64", "debian", "debian64")
        .doesNotContain("darwin", "ubuntu");
    assertThat(debian.platform().distro()).isEqualTo("debian 12");
  }

  @Test
  void matchesPlatformSupportedAsTemplatesWriteIt() {
    assertThat(debian.supportsAny(List.of())).as("none given: any platform").isTrue();
    assertThat(debian.supportsAny(List.of("linux64"))).isTrue();
    assertThat(debian.supportsAny(List.of("Linux"))).isTrue();
    assertThat(debian.supportsAny(List.of("ubuntu,darwin"))).isFalse();
    assertThat(debian.supportsAny(List.of("darwin", "generic"))).isTrue();
    assertThat(new NodePlatform("darwin", "x86_64", null, null).supportsAny(List.of("osx")))
        .isTrue();
  }
}
