package io.ays.registry.git;

import io.ays.registry.config.RegistryConfig;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Who may do what on the hosted repositories: a push always needs the push credential; a clone or
 * fetch needs it only when {@code ays.registry.git.read-requires-credential} is on.
 */
@ApplicationScoped
public class GitAccess {

  /** The answer to one request. */
  public enum Decision {
    ALLOW,
    /** 401 with a {@code WWW-Authenticate} challenge, so that git asks for the credential. */
    CHALLENGE,
    /** 403: no credential is configured, so no credential could ever be right. */
    DISABLED
  }

  private final PushCredentials credentials;
  private final boolean readRequiresCredential;

  public GitAccess(PushCredentials credentials, RegistryConfig config) {
    this.credentials = credentials;
    this.readRequiresCredential = config.git().readRequiresCredential();
  }

  /** The decision on a request that pushes or reads, carrying {@code authorizationHeader}. */
  public Decision decide(boolean push, String authorizationHeader) {
    return decide(push, readRequiresCredential, credentials.check(authorizationHeader));
  }

  /** The user a push authenticated as. */
  public String pusher() {
    return credentials.user();
  }

  static Decision decide(
      boolean push, boolean readRequiresCredential, PushCredentials.Check check) {
    if (!push && !readRequiresCredential) {
      return Decision.ALLOW;
    }
    return switch (check) {
      case VALID -> Decision.ALLOW;
      case INVALID -> Decision.CHALLENGE;
      case NOT_CONFIGURED -> Decision.DISABLED;
    };
  }
}
