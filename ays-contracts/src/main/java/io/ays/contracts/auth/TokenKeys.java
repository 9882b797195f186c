package io.ays.contracts.auth;

import io.ays.contracts.signing.SigningKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * The RSA key pair that signs AYS's bearer tokens (RS256, what every OIDC provider offers): the
 * private key as PKCS#8 PEM, mode 0600, for whoever mints tokens; the public key as X.509 PEM for
 * the services, which only verify. Errors name the file and never contain key material.
 */
public final class TokenKeys {

  /** The JWT signature algorithm of AYS tokens, SmallRye JWT's default. */
  public static final String JWT_ALGORITHM = "RS256";

  /** The issuer AYS's own tokens carry unless configured otherwise ({@code AYS_JWT_ISSUER}). */
  public static final String DEFAULT_ISSUER = "https://ays.local";

  private TokenKeys() {}

  /** A new 2048-bit RSA key pair. */
  public static KeyPair generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("RSA is not available in this JDK", e);
    }
  }

  /** Writes a new pair, the private key mode 0600; refuses to overwrite a key. */
  public static void writeNewPair(KeyPair pair, Path privateFile, Path publicFile) {
    SigningKeys.writeNewPair(pair, privateFile, publicFile);
  }

  /** Reads a PKCS#8 PEM RSA private key. */
  public static PrivateKey readPrivateKey(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read key file " + file + ": " + e, e);
    }
    String begin = "-----BEGIN PRIVATE KEY-----";
    String end = "-----END PRIVATE KEY-----";
    int from = text.indexOf(begin);
    int to = text.indexOf(end);
    if (from < 0 || to < from) {
      throw new IllegalArgumentException(
          file + ": expected a PEM block '" + begin + "' ... '" + end + "'");
    }
    try {
      byte[] der =
          Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to).strip());
      return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      throw new IllegalArgumentException(file + ": not an RSA private key in PKCS#8 PEM form");
    }
  }
}
