package io.ays.registry.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitMirrorTest {

  @TempDir Path upstreamDir;
  @TempDir Path mirrorDir;
  private final GitMirror mirror = new GitMirror();

  @Test
  void clonesThenFollowsTheBranchHead() throws Exception {
    try (Git upstream =
        Git.init().setDirectory(upstreamDir.toFile()).setInitialBranch("main").call()) {
      RevCommit first = commitFile(upstream, "redis/service.hrd", "description = 'one'\n");
      RepositorySource source =
          new RepositorySource("demo", upstreamDir.toUri().toString(), "main");

      GitMirror.Checkout checkout = mirror.sync(source, mirrorDir.resolve("demo"));
      assertThat(checkout.commit()).isEqualTo(first.name());
      assertThat(checkout.workTree().resolve("redis/service.hrd"))
          .hasContent("description = 'one'");

      RevCommit second = commitFile(upstream, "redis/service.hrd", "description = 'two'\n");
      checkout = mirror.sync(source, mirrorDir.resolve("demo"));
      assertThat(checkout.commit()).isEqualTo(second.name());
      assertThat(checkout.workTree().resolve("redis/service.hrd"))
          .hasContent("description = 'two'");
    }
  }

  @Test
  void aPinnedCommitStaysPinnedWhenTheBranchMoves() throws Exception {
    try (Git upstream =
        Git.init().setDirectory(upstreamDir.toFile()).setInitialBranch("main").call()) {
      RevCommit pinned = commitFile(upstream, "a/service.hrd", "x = 1\n");
      commitFile(upstream, "a/service.hrd", "x = 2\n");
      RepositorySource source = new RepositorySource("demo", upstreamDir.toString(), pinned.name());

      GitMirror.Checkout checkout = mirror.sync(source, mirrorDir.resolve("demo"));
      assertThat(checkout.commit()).isEqualTo(pinned.name());
      assertThat(checkout.workTree().resolve("a/service.hrd")).hasContent("x = 1");
    }
  }

  @Test
  void aRepositoryMovedInTheConfigurationIsFetchedFromItsNewUrl(@TempDir Path movedDir)
      throws Exception {
    try (Git upstream =
            Git.init().setDirectory(upstreamDir.toFile()).setInitialBranch("main").call();
        Git moved = Git.init().setDirectory(movedDir.toFile()).setInitialBranch("main").call()) {
      commitFile(upstream, "a/service.hrd", "x = 1\n");
      mirror.sync(
          new RepositorySource("demo", upstreamDir.toUri().toString(), "main"),
          mirrorDir.resolve("demo"));

      RevCommit elsewhere = commitFile(moved, "a/service.hrd", "x = 2\n");
      GitMirror.Checkout checkout =
          mirror.sync(
              new RepositorySource("demo", movedDir.toUri().toString(), "main"),
              mirrorDir.resolve("demo"));
      assertThat(checkout.commit()).isEqualTo(elsewhere.name());
      assertThat(checkout.workTree().resolve("a/service.hrd")).hasContent("x = 2");
    }
  }

  @Test
  void anUnknownBranchIsAClearErrorNamingTheRepository() throws Exception {
    try (Git upstream =
        Git.init().setDirectory(upstreamDir.toFile()).setInitialBranch("main").call()) {
      commitFile(upstream, "a/service.hrd", "x = 1\n");
      RepositorySource source = new RepositorySource("demo", upstreamDir.toString(), "nope");
      assertThatThrownBy(() -> mirror.sync(source, mirrorDir.resolve("demo")))
          .isInstanceOf(GitSyncException.class)
          .hasMessageContaining("repository demo")
          .hasMessageContaining("'nope' not found");
    }
  }

  @Test
  void parsesRepositoryEntriesFromConfiguration() {
    assertThat(RepositorySource.parseList("a=file:///x#dev, b=https://h/r.git"))
        .containsExactly(
            new RepositorySource("a", "file:///x", "dev"),
            new RepositorySource("b", "https://h/r.git", "master"));
    assertThatThrownBy(() -> RepositorySource.parse("no-equals-sign"))
        .hasMessageContaining("expected domain=url#branch");
  }

  private static RevCommit commitFile(Git git, String path, String content) throws Exception {
    Path file = git.getRepository().getWorkTree().toPath().resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
    git.add().addFilepattern(".").call();
    return git.commit()
        .setMessage("change " + path)
        .setAuthor("t", "t@localhost")
        .setCommitter("t", "t@localhost")
        .setSign(false)
        .call();
  }
}
