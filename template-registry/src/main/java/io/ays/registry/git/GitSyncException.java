package io.ays.registry.git;

/** A repository could not be cloned, fetched or checked out; names the repository. */
public class GitSyncException extends Exception {

  public GitSyncException(RepositorySource source, String message) {
    super(describe(source, message));
  }

  public GitSyncException(RepositorySource source, String message, Throwable cause) {
    super(describe(source, message), cause);
  }

  private static String describe(RepositorySource source, String message) {
    return "repository "
        + source.domain()
        + " ("
        + source.url()
        + "#"
        + source.ref()
        + "): "
        + message;
  }
}
