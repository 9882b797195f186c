package io.ays.registry.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class HostedRepositoryNameTest {

  @Test
  void acceptsOneOrTwoLevelsWithOrWithoutDotGit() {
    assertThat(HostedRepositoryName.parse("binary/fancyPackage.git"))
        .isEqualTo(new HostedRepositoryName("binary", "fancyPackage"));
    assertThat(HostedRepositoryName.parse("binary/fancyPackage"))
        .isEqualTo(HostedRepositoryName.parse("binary/fancyPackage.git"));
    assertThat(HostedRepositoryName.parse("tool_1.2-x").relativeDir()).isEqualTo("tool_1.2-x.git");
  }

  @Test
  void refusesEveryNameThatCouldLeaveOrConfuseTheFolderNamingTheRule() {
    for (String bad :
        new String[] {
          "", "..", "../x", "a/../x", "a..b", "/abs", "a//b", "a/", ".hidden", "a/b/c", "a\\b",
          "a b", "-opt"
        }) {
      assertThatThrownBy(() -> HostedRepositoryName.parse(bad))
          .as("name '%s'", bad)
          .isInstanceOf(HostedRepositoryName.InvalidRepositoryNameException.class)
          .hasMessageContaining("expected 'name' or 'group/name'")
          .satisfiesAnyOf(
              e -> assertThat(e).hasMessageContaining("'" + bad + "'"),
              e -> assertThat(e).hasMessageContaining("is empty"));
    }
    assertThatThrownBy(() -> HostedRepositoryName.parse("x.git.git"))
        .hasMessageContaining("'.git' only once");
  }

  @Test
  void everyAcceptedNameStaysInsideTheHostingFolder() {
    HostedRepositories repos = new HostedRepositories(Path.of("/srv/hosted"));
    assertThat(repos.directory(HostedRepositoryName.parse("g/n.git")))
        .isEqualTo(Path.of("/srv/hosted/g/n.git"));
    assertThat(repos.directory(HostedRepositoryName.parse("n")))
        .isEqualTo(Path.of("/srv/hosted/n.git"));
  }
}
