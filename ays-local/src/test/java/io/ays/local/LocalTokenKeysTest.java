package io.ays.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./ays up} makes the token key pair and the command line's admin token once and keeps them;
 * {@code ./ays token} mints tokens the public key verifies.
 */
class LocalTokenKeysTest {

  @Test
  void makesOwnerOnlyKeyAndAdminTokenOnceThenKeepsThem(@TempDir Path home) throws Exception {
    Path privateKey = home.resolve("keys/token-signing.pem");
    Path publicKey = home.resolve("keys/token-signing.pub.pem");
    Path cliToken = home.resolve("cli/token");
    String[] args = {
      "--private-key", privateKey.toString(),
      "--public-key", publicKey.toString(),
      "--cli-token", cliToken.toString()
    };

    LocalTokenKeys.main(args);
    String key = Files.readString(privateKey);
    String token = Files.readString(cliToken).strip();
    LocalTokenKeys.main(args);

    assertThat(Files.readString(privateKey)).isEqualTo(key);
    assertThat(Files.readString(cliToken).strip()).isEqualTo(token);
    for (Path secret : new Path[] {privateKey, cliToken}) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret)))
          .isEqualTo("rw-------");
    }
    assertThat(verifies(token, publicKey)).isTrue();
    assertThat(payload(token))
        .contains("\"iss\":\"https://ays.local\"")
        .contains("\"groups\":[\"admin\"]")
        .contains("\"upn\":\"ays-cli\"");
  }

  @Test
  void mintsATokenForARoleAndRefusesAnUnknownRole(@TempDir Path home) throws Exception {
    Path privateKey = home.resolve("keys/token-signing.pem");
    Path publicKey = home.resolve("keys/token-signing.pub.pem");
    LocalTokenKeys.main(
        new String[] {
          "--private-key", privateKey.toString(),
          "--public-key", publicKey.toString(),
          "--cli-token", home.resolve("cli/token").toString()
        });

    String token =
        Tokens.mint(
            io.ays.contracts.auth.TokenKeys.readPrivateKey(privateKey),
            "https://ays.local",
            "alice",
            "operator",
            Tokens.parseTtl("24h"));

    assertThat(verifies(token, publicKey)).isTrue();
    assertThat(payload(token)).contains("\"sub\":\"alice\"").contains("\"groups\":[\"operator\"]");
    String publisher =
        Tokens.mint(
            io.ays.contracts.auth.TokenKeys.readPrivateKey(privateKey),
            "https://ays.local",
            "ci",
            "publisher",
            Tokens.parseTtl("1h"),
            java.util.List.of("binary/*", "meta/templates"));
    assertThat(payload(publisher)).contains("\"ays_push\":[\"binary/*\",\"meta/templates\"]");
    assertThat(payload(token)).doesNotContain("ays_push");
    assertThat(Tokens.parseTtl("30m")).isEqualTo(Duration.ofMinutes(30));
    assertThat(Tokens.parseTtl("7d")).isEqualTo(Duration.ofDays(7));
    assertThatThrownBy(
            () ->
                Tokens.mint(
                    io.ays.contracts.auth.TokenKeys.readPrivateKey(privateKey),
                    "https://ays.local",
                    "bob",
                    "root",
                    Duration.ofHours(1)))
        .hasMessageContaining("unknown role 'root'");
  }

  private static String payload(String jwt) {
    return new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
  }

  private static boolean verifies(String jwt, Path publicKeyPem) throws Exception {
    String pem = Files.readString(publicKeyPem);
    byte[] der =
        Base64.getMimeDecoder()
            .decode(
                pem.replace("-----BEGIN PUBLIC KEY-----", "")
                    .replace("-----END PUBLIC KEY-----", "")
                    .strip());
    PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
    String[] parts = jwt.split("\\.");
    Signature rs256 = Signature.getInstance("SHA256withRSA");
    rs256.initVerify(key);
    rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
    return rs256.verify(Base64.getUrlDecoder().decode(parts[2]));
  }
}
