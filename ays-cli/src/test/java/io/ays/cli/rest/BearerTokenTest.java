package io.ays.cli.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the CLI finds its token: AYS_TOKEN, then --token-file, then $AYS_HOME/cli/token. */
class BearerTokenTest {

  @Test
  void takesAysTokenFirstThenTheFileThenTheHomeToken(@TempDir Path dir) throws Exception {
    Path home = dir.resolve("home");
    Files.createDirectories(home.resolve("cli"));
    Files.writeString(home.resolve("cli/token"), "home-token\n");
    Path file = Files.writeString(dir.resolve("file-token"), " file-token \n");

    assertThat(
            BearerToken.resolve(
                    file.toString(), Map.of("AYS_TOKEN", "env-token", "AYS_HOME", home.toString()))
                .value())
        .hasValue("env-token");
    BearerToken fromFile =
        BearerToken.resolve(file.toString(), Map.of("AYS_HOME", home.toString()));
    assertThat(fromFile.value()).hasValue("file-token");
    assertThat(fromFile.source()).isEqualTo(file.toString());
    assertThat(BearerToken.resolve(null, Map.of("AYS_HOME", home.toString())).value())
        .hasValue("home-token");
  }

  @Test
  void noTokenSaysWhereOneWouldComeFromAndAMissingFileIsAUsageError(@TempDir Path dir) {
    BearerToken none = BearerToken.resolve(null, Map.of("AYS_HOME", dir.toString()));
    assertThat(none.value()).isEmpty();
    assertThat(none.source()).contains("AYS_TOKEN").contains(dir.resolve("cli/token").toString());

    assertThatThrownBy(() -> BearerToken.resolve(dir.resolve("nope").toString(), Map.of()))
        .hasMessageContaining("--token-file");
  }
}
