package io.ays.local;

import io.ays.contracts.auth.PushClaim;
import io.ays.contracts.auth.Roles;
import io.smallrye.jwt.build.Jwt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Bearer tokens of the local AYS: signed RS256 with its token key, roles in {@code groups}. */
final class Tokens {

  private Tokens() {}

  /** A token for {@code subject} with {@code role}, valid for {@code ttl}. */
  static String mint(PrivateKey key, String issuer, String subject, String role, Duration ttl) {
    return mint(key, issuer, subject, role, ttl, List.of());
  }

  /**
   * The same, naming in its {@link PushClaim} claim the hosted repositories it may push to (a
   * publisher may push nowhere else); none: no claim.
   */
  static String mint(
      PrivateKey key,
      String issuer,
      String subject,
      String role,
      Duration ttl,
      List<String> pushTo) {
    if (!Roles.ALL.contains(role)) {
      throw new IllegalArgumentException(
          "unknown role '" + role + "' (known: " + String.join(", ", Roles.ALL) + ")");
    }
    var claims = Jwt.issuer(issuer).subject(subject).upn(subject).groups(Set.of(role));
    if (!pushTo.isEmpty()) {
      claims.claim(PushClaim.NAME, pushTo);
    }
    return claims.expiresIn(ttl).sign(key);
  }

  /** {@code 30m}, {@code 24h}, {@code 7d}, {@code 365d}, or plain seconds. */
  static Duration parseTtl(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    try {
      if (t.endsWith("d")) {
        return Duration.ofDays(Long.parseLong(t.substring(0, t.length() - 1)));
      }
      if (t.endsWith("h")) {
        return Duration.ofHours(Long.parseLong(t.substring(0, t.length() - 1)));
      }
      if (t.endsWith("m")) {
        return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
      }
      if (t.endsWith("s")) {
        t = t.substring(0, t.length() - 1);
      }
      return Duration.ofSeconds(Long.parseLong(t));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--ttl: '" + text + "' is not like 30m, 24h or 7d");
    }
  }

  /** Writes a token file readable by its owner only (mode 0600 before any byte is written). */
  static void writeSecret(Path file, String token) {
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      Files.deleteIfExists(file);
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(file, token + "\n", StandardOpenOption.TRUNCATE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the token file " + file, e);
    }
  }
}
