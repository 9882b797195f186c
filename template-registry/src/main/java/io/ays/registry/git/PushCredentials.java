package io.ays.registry.git;

import io.ays.registry.config.RegistryConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;

/**
 * Checks an HTTP basic {@code Authorization} header against the configured push credential ({@code
 * ays.registry.git.push-user} / {@code push-password}).
 */
@ApplicationScoped
public class PushCredentials {

  /** What a header amounts to. */
  public enum Check {
    /** The configured user and password. */
    VALID,
    /** No header, not basic, or another user or password. */
    INVALID,
    /** No credential is configured: nobody may push. */
    NOT_CONFIGURED
  }

  private final Optional<String> user;
  private final Optional<String> password;

  @Inject
  public PushCredentials(RegistryConfig config) {
    this(config.git().pushUser(), config.git().pushPassword());
  }

  PushCredentials(Optional<String> user, Optional<String> password) {
    this.user = user.filter(u -> !u.isBlank());
    this.password = password.filter(p -> !p.isEmpty());
  }

  public Check check(String authorizationHeader) {
    if (user.isEmpty() || password.isEmpty()) {
      return Check.NOT_CONFIGURED;
    }
    Optional<String[]> given = decode(authorizationHeader);
    if (given.isEmpty()) {
      return Check.INVALID;
    }
    // Compare both in constant time, so timing tells nothing about which part was wrong.
    boolean userOk = same(given.get()[0], user.get());
    boolean passwordOk = same(given.get()[1], password.get());
    return userOk && passwordOk ? Check.VALID : Check.INVALID;
  }

  /** The user a valid header authenticates (for reflogs). */
  public String user() {
    return user.orElse("");
  }

  private static Optional<String[]> decode(String header) {
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return Optional.empty();
    }
    try {
      String pair =
          new String(
              Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
      int colon = pair.indexOf(':');
      return colon < 0
          ? Optional.empty()
          : Optional.of(new String[] {pair.substring(0, colon), pair.substring(colon + 1)});
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static boolean same(String a, String b) {
    return MessageDigest.isEqual(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }
}
