package io.ays.registry.git;

import io.ays.contracts.auth.PushClaim;
import io.ays.registry.config.RegistryConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Who may do what on the hosted repositories: a push needs a bearer token with the role {@code
 * admin}, or {@code publisher} and the repository among those of its {@link PushClaim} claim
 * ({@link GitTokens}), or the shared push credential (any repository) where one is configured
 * explicitly; a clone or fetch needs a token with any AYS role (or the credential) only when {@code
 * ays.registry.git.read-requires-credential} is on.
 */
@ApplicationScoped
public class GitAccess {

  /** The answer to one request. */
  public enum Decision {
    ALLOW,
    /** 401 with a {@code WWW-Authenticate} challenge, so that git asks for the credential. */
    CHALLENGE,
    /** 403: a valid token without the role this needs. */
    FORBIDDEN
  }

  /** The decision, who was let in (for reflogs; null if nobody authenticated) and why not. */
  public record Verdict(Decision decision, String user, String reason) {}

  private final PushCredentials credentials;
  private final GitTokens tokens;
  private final boolean readRequiresCredential;

  public GitAccess(PushCredentials credentials, GitTokens tokens, RegistryConfig config) {
    this.credentials = credentials;
    this.tokens = tokens;
    this.readRequiresCredential = config.git().readRequiresCredential();
  }

  /**
   * The verdict on a request for the repository at {@code repositoryPath} that pushes or reads,
   * carrying {@code authorizationHeader}. A path that is not a valid name is left to the caller to
   * refuse with the naming rule.
   */
  public Verdict decide(boolean push, String authorizationHeader, String repositoryPath) {
    boolean open = !push && !readRequiresCredential;
    Optional<String> jwt = GitTokens.tokenIn(authorizationHeader);
    if (jwt.isPresent()) {
      GitTokens.Token token;
      try {
        token = tokens.verify(jwt.get());
      } catch (GitTokens.InvalidTokenException e) {
        return open
            ? new Verdict(Decision.ALLOW, null, null)
            : new Verdict(Decision.CHALLENGE, null, e.getMessage());
      }
      if (push && token.mayPush()) {
        return pushTo(repositoryPath, token);
      }
      if (!push && (token.mayRead() || open)) {
        return new Verdict(Decision.ALLOW, token.user(), null);
      }
      return new Verdict(
          Decision.FORBIDDEN,
          token.user(),
          (push ? "pushing needs the role publisher or admin" : "reading needs an AYS role")
              + "; the token of "
              + token.user()
              + " has "
              + new TreeSet<>(token.roles()));
    }
    Decision decision =
        decide(push, readRequiresCredential, credentials.check(authorizationHeader));
    return new Verdict(
        decision,
        decision == Decision.ALLOW && !open ? credentials.user() : null,
        decision == Decision.CHALLENGE
            ? (push ? "pushing" : "reading")
                + " needs a bearer token with the role publisher as the password (HTTP basic, any"
                + " user name)"
            : null);
  }

  private static Verdict pushTo(String repositoryPath, GitTokens.Token token) {
    HostedRepositoryName name;
    try {
      name = HostedRepositoryName.parse(repositoryPath);
    } catch (HostedRepositoryName.InvalidRepositoryNameException e) {
      return new Verdict(Decision.ALLOW, token.user(), null);
    }
    if (token.mayPushTo(name)) {
      return new Verdict(Decision.ALLOW, token.user(), null);
    }
    return new Verdict(
        Decision.FORBIDDEN,
        token.user(),
        "the token of "
            + token.user()
            + " may not push to "
            + name
            + ": a publisher may push only to the repositories its claim "
            + PushClaim.NAME
            + " names ("
            + (token.pushRights().patterns().isEmpty()
                ? "none"
                : String.join(", ", token.pushRights().patterns()))
            + ")");
  }

  static Decision decide(
      boolean push, boolean readRequiresCredential, PushCredentials.Check check) {
    if (!push && !readRequiresCredential) {
      return Decision.ALLOW;
    }
    return switch (check) {
      case VALID -> Decision.ALLOW;
      // no shared credential configured: a token is still welcome, so ask for one
      case INVALID, NOT_CONFIGURED -> Decision.CHALLENGE;
    };
  }
}
