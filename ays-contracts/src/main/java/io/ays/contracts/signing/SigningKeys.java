package io.ays.contracts.signing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Set;

/**
 * Ed25519 keys in the files operators already know: the private key as PKCS#8 PEM ({@code
 * -----BEGIN PRIVATE KEY-----}, what {@code openssl genpkey -algorithm ed25519} writes) and public
 * keys as X.509 SubjectPublicKeyInfo PEM ({@code -----BEGIN PUBLIC KEY-----}, {@code openssl pkey
 * -pubout}). Errors name the file and never contain key material.
 */
public final class SigningKeys {

  /** The signature algorithm of every AYS command, from the JDK (no extra library). */
  public static final String ALGORITHM = "Ed25519";

  private static final String PRIVATE = "PRIVATE KEY";
  private static final String PUBLIC = "PUBLIC KEY";

  private SigningKeys() {}

  /** A new Ed25519 key pair. */
  public static KeyPair generate() {
    try {
      return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(ALGORITHM + " is not available in this JDK", e);
    }
  }

  /** Reads a PKCS#8 PEM Ed25519 private key. */
  public static PrivateKey readPrivateKey(Path file) {
    byte[] der = readPem(file, PRIVATE);
    try {
      return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(
          file + ": not an " + ALGORITHM + " private key in PKCS#8 form", e);
    }
  }

  /** Reads an X.509 SubjectPublicKeyInfo PEM Ed25519 public key. */
  public static PublicKey readPublicKey(Path file) {
    byte[] der = readPem(file, PUBLIC);
    try {
      return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(
          file + ": not an " + ALGORITHM + " public key in X.509 SubjectPublicKeyInfo form", e);
    }
  }

  /**
   * Writes a new key pair: the private key readable by its owner only (mode 0600, set before any
   * key byte is written), the public key world-readable. Refuses to overwrite a key.
   */
  public static void writeNewPair(KeyPair pair, Path privateFile, Path publicFile) {
    try {
      if (privateFile.getParent() != null) {
        Files.createDirectories(privateFile.getParent());
      }
      if (Files.exists(privateFile)) {
        throw new FileAlreadyExistsException(privateFile.toString());
      }
      Files.createFile(
          privateFile,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(privateFile, pem(PRIVATE, pair.getPrivate().getEncoded()));
      Files.writeString(publicFile, publicPem(pair.getPublic()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the signing key pair " + privateFile, e);
    }
  }

  /** A public key as X.509 PEM text. */
  public static String publicPem(PublicKey key) {
    return pem(PUBLIC, key.getEncoded());
  }

  /** The permissions a private key file must have at most: its owner's only. */
  public static boolean ownerOnly(Path file) {
    try {
      return Set.of(
              java.nio.file.attribute.PosixFilePermission.OWNER_READ,
              java.nio.file.attribute.PosixFilePermission.OWNER_WRITE)
          .containsAll(Files.getPosixFilePermissions(file));
    } catch (UnsupportedOperationException e) {
      return true; // not a POSIX file system: nothing to check
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String pem(String label, byte[] der) {
    return "-----BEGIN "
        + label
        + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END "
        + label
        + "-----\n";
  }

  private static byte[] readPem(Path file, String label) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read key file " + file + ": " + e, e);
    }
    String begin = "-----BEGIN " + label + "-----";
    String end = "-----END " + label + "-----";
    int from = text.indexOf(begin);
    int to = text.indexOf(end);
    if (from < 0 || to < from) {
      throw new IllegalArgumentException(
          file + ": expected a PEM block '" + begin + "' ... '" + end + "'");
    }
    try {
      return Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to).strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": the PEM block is not valid base64");
    }
  }
}
