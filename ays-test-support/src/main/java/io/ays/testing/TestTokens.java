package io.ays.testing;

import io.ays.contracts.auth.Roles;
import io.ays.contracts.auth.TokenKeys;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.smallrye.jwt.build.Jwt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;

/**
 * The token-signing key pair of a test JVM, made on first use in a temporary folder (never
 * committed), and bearer tokens signed with it: the services under test trust its public key
 * ({@link KafkaTestResource} passes it), tests call them with {@link #bearer(String...)}.
 */
public final class TestTokens {

  /** The issuer of test tokens, the services' default. */
  public static final String ISSUER = TokenKeys.DEFAULT_ISSUER;

  private static final Path DIR = makeKeys();

  private static final PrivateKey PRIVATE_KEY = TokenKeys.readPrivateKey(privateKeyFile());

  private TestTokens() {}

  public static Path privateKeyFile() {
    return DIR.resolve("token-signing.pem");
  }

  public static Path publicKeyFile() {
    return DIR.resolve("token-signing.pub.pem");
  }

  /** A token for subject {@code test-<roles>} with these roles, valid for an hour. */
  public static String token(String... roles) {
    return Jwt.issuer(ISSUER)
        .upn("test-" + String.join("-", roles))
        .groups(new HashSet<>(Arrays.asList(roles)))
        .expiresIn(Duration.ofHours(1))
        .sign(PRIVATE_KEY);
  }

  /** The {@code Authorization} header value for these roles. */
  public static String bearer(String... roles) {
    return "Bearer " + token(roles);
  }

  /** The token of the local CLI and of tests that are not about who may call: admin. */
  public static String adminToken() {
    return token(Roles.ADMIN);
  }

  /**
   * Makes every RestAssured request of this test JVM carry an admin token, for tests that are not
   * about authorization. Call it once per test class, e.g. in {@code @BeforeAll}. A request that
   * sets its own {@code Authorization} header keeps it. (A filter, not a default request
   * specification: that would also fix the port before Quarkus sets it.)
   */
  public static synchronized void authenticateRestAssured() {
    if (!RestAssured.filters().contains(AS_ADMIN)) {
      RestAssured.filters(AS_ADMIN);
    }
  }

  private static final Filter AS_ADMIN =
      (request, response, context) -> {
        if (!request.getHeaders().hasHeaderWithName("Authorization")) {
          request.header("Authorization", bearer(Roles.ADMIN));
        }
        return context.next(request, response);
      };

  /**
   * The settings that make a service trust these tokens. The key is given inline: in test mode
   * SmallRye JWT makes an in-memory key pair of its own when no key is configured at build time,
   * and its inline default would win over a key location given only at run time.
   */
  public static Map<String, String> quarkusProperties() {
    try {
      return Map.of(
          "mp.jwt.verify.publickey",
          Files.readString(publicKeyFile()),
          "mp.jwt.verify.issuer",
          ISSUER);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The environment variables that make a service process trust these tokens. */
  public static Map<String, String> serviceEnvironment() {
    return Map.of("AYS_JWT_PUBLIC_KEY", publicKeyFile().toString(), "AYS_JWT_ISSUER", ISSUER);
  }

  private static Path makeKeys() {
    try {
      Path dir = Files.createTempDirectory("ays-tokens-");
      TokenKeys.writeNewPair(
          TokenKeys.generate(),
          dir.resolve("token-signing.pem"),
          dir.resolve("token-signing.pub.pem"));
      dir.resolve("token-signing.pem").toFile().deleteOnExit();
      dir.resolve("token-signing.pub.pem").toFile().deleteOnExit();
      dir.toFile().deleteOnExit();
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make the test token keys", e);
    }
  }
}
