package io.ays.registry.git;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.transport.RefSpec;

/**
 * Keeps a local working copy of a metadata repository at the configured branch head or pinned
 * commit: clones it the first time, fetches and resets it afterwards.
 */
public final class GitMirror {

  /** A working tree checked out at {@code commit}. */
  public record Checkout(Path workTree, String commit) {}

  /**
   * Brings {@code dir} to the current state of {@code source} and returns the checked-out commit.
   */
  public Checkout sync(RepositorySource source, Path dir) throws GitSyncException {
    try {
      if (!Files.isDirectory(dir.resolve(".git"))) {
        Files.createDirectories(dir);
        cloneInto(source, dir);
      }
      try (Git git = Git.open(dir.toFile())) {
        followConfiguredUrl(git, source);
        String wanted = source.pinsCommit() ? source.ref() : "refs/remotes/origin/" + source.ref();
        git.fetch()
            .setRemote("origin")
            .setRefSpecs(new RefSpec("+refs/heads/*:refs/remotes/origin/*"))
            .call();
        ObjectId target = git.getRepository().resolve(wanted);
        if (target == null) {
          throw new GitSyncException(
              source, "branch or commit '" + source.ref() + "' not found in " + source.url());
        }
        git.reset().setMode(ResetCommand.ResetType.HARD).setRef(target.name()).call();
        git.clean().setCleanDirectories(true).setIgnore(false).call();
        return new Checkout(dir, target.name());
      }
    } catch (GitAPIException | IOException e) {
      throw new GitSyncException(source, e.getMessage(), e);
    }
  }

  /**
   * Points {@code origin} at the configured URL: a repository moved in the configuration must not
   * keep being fetched from where it was first cloned.
   */
  private static void followConfiguredUrl(Git git, RepositorySource source) throws IOException {
    StoredConfig config = git.getRepository().getConfig();
    if (!source.url().equals(config.getString("remote", "origin", "url"))) {
      config.setString("remote", "origin", "url", source.url());
      config.save();
    }
  }

  private static void cloneInto(RepositorySource source, Path dir) throws GitAPIException {
    try (Git ignored =
        Git.cloneRepository()
            .setURI(source.url())
            .setDirectory(dir.toFile())
            .setNoCheckout(true)
            .call()) {
      // The fetch and reset in sync() check out the wanted ref.
    }
  }
}
