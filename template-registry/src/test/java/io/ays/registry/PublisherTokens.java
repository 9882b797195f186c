package io.ays.registry;

import io.ays.contracts.auth.PushClaim;
import io.ays.contracts.auth.Roles;
import io.ays.contracts.auth.TokenKeys;
import io.ays.testing.TestTokens;
import io.smallrye.jwt.build.Jwt;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** Publisher tokens that name the hosted repositories they may push to, signed as TestTokens'. */
final class PublisherTokens {

  private PublisherTokens() {}

  /** A publisher's token whose push claim lists {@code repositories}. */
  static String mayPushTo(String... repositories) {
    return Jwt.issuer(TestTokens.ISSUER)
        .upn("test-publisher-of-" + String.join("-", repositories))
        .groups(Set.of(Roles.PUBLISHER))
        .claim(PushClaim.NAME, List.of(repositories))
        .expiresIn(Duration.ofHours(1))
        .sign(TokenKeys.readPrivateKey(TestTokens.privateKeyFile()));
  }
}
