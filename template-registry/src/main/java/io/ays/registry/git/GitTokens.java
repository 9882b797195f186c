package io.ays.registry.git;

import io.ays.contracts.auth.PushClaim;
import io.ays.contracts.auth.Roles;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Bearer tokens on git requests: the same JWT as the REST APIs, as the password of HTTP basic (any
 * user name; what {@code git push http://ays:TOKEN@host/...} sends) or as {@code Authorization:
 * Bearer} ({@code git -c http.extraHeader=...}). Verified like the REST APIs' (same key and
 * issuer); pushing needs {@code admin}, or {@code publisher} and the repository in the token's
 * {@link PushClaim} claim; reading needs any AYS role.
 */
@ApplicationScoped
public class GitTokens {

  /**
   * What a token amounts to; {@code user} is its {@code upn} or subject, {@code pushRights} the
   * repositories its {@link PushClaim} claim names.
   */
  public record Token(String user, Set<String> roles, PushRights pushRights) {

    public boolean mayPush() {
      return roles.contains(Roles.PUBLISHER) || roles.contains(Roles.ADMIN);
    }

    /** Whether it may push to {@code repository}: an admin anywhere, a publisher where named. */
    public boolean mayPushTo(HostedRepositoryName repository) {
      return roles.contains(Roles.ADMIN)
          || (roles.contains(Roles.PUBLISHER) && pushRights.allow(repository));
    }

    public boolean mayRead() {
      return Roles.ALL.stream().anyMatch(roles::contains);
    }
  }

  /** A token that is not signed by the trusted issuer, is expired, or is not a JWT at all. */
  public static final class InvalidTokenException extends Exception {
    InvalidTokenException(String message) {
      super(message);
    }
  }

  private final JWTParser parser;

  public GitTokens(JWTParser parser) {
    this.parser = parser;
  }

  /** The JWT the header carries, if it carries something shaped like one. */
  public static Optional<String> tokenIn(String header) {
    if (header == null) {
      return Optional.empty();
    }
    String candidate;
    if (header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      candidate = header.substring(7).strip();
    } else if (header.regionMatches(true, 0, "Basic ", 0, 6)) {
      try {
        String pair =
            new String(
                Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
        candidate = pair.substring(pair.indexOf(':') + 1);
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
    } else {
      return Optional.empty();
    }
    // header.payload.signature, base64url: a shared password of that shape is not expected
    return candidate.matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+")
        ? Optional.of(candidate)
        : Optional.empty();
  }

  public Token verify(String jwt) throws InvalidTokenException {
    try {
      JsonWebToken token = parser.parse(jwt);
      String user = token.getName() != null ? token.getName() : token.getSubject();
      return new Token(
          user == null ? "token" : user,
          token.getGroups(),
          PushRights.of(token.getClaim(PushClaim.NAME)));
    } catch (ParseException e) {
      throw new InvalidTokenException("the token is not valid (expired, or another issuer's)");
    }
  }
}
