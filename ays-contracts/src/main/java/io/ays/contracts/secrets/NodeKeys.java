package io.ays.contracts.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;

/**
 * A node's X25519 key pair for the secrets the coordinator sends it ({@link NodeSecrets}): the
 * private key stays on the node (a file of mode 0600), the public key is given to the coordinator
 * by its operator. Both files hold the raw 32-byte key as base64, one line.
 */
public final class NodeKeys {

  /** The file name of a node's public key in the coordinator's directory of node keys. */
  public static final String PUBLIC_SUFFIX = ".pub";

  private static final SecureRandom RANDOM = new SecureRandom();

  private NodeKeys() {}

  /** The file of {@code nodeId}'s public key in a directory of node public keys. */
  public static Path publicKeyFile(Path directory, String nodeId) {
    return directory.resolve(nodeId + PUBLIC_SUFFIX);
  }

  /** A new random private key. */
  public static X25519PrivateKeyParameters generate() {
    return new X25519PrivateKeyParameters(RANDOM);
  }

  /**
   * Writes a new key pair: the private key to {@code privateFile} (mode 0600, never overwritten),
   * the public one to {@code publicFile}.
   */
  public static void writeNewPair(Path privateFile, Path publicFile) {
    X25519PrivateKeyParameters key = generate();
    try {
      createOwnerOnly(privateFile);
      Files.writeString(privateFile, base64(key.getEncoded()) + "\n", StandardCharsets.US_ASCII);
      writePublicKey(key.generatePublicKey(), publicFile);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the node key " + privateFile, e);
    }
  }

  /** Writes (or replaces) a public key file. */
  public static void writePublicKey(X25519PublicKeyParameters key, Path file) {
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      Files.writeString(file, base64(key.getEncoded()) + "\n", StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the node public key " + file, e);
    }
  }

  /**
   * The private key in {@code file}.
   *
   * @throws IllegalArgumentException naming the file if it cannot be read or holds no X25519 key
   */
  public static X25519PrivateKeyParameters readPrivateKey(Path file) {
    return new X25519PrivateKeyParameters(read(file, "node private key"), 0);
  }

  /**
   * The public key in {@code file}.
   *
   * @throws IllegalArgumentException naming the file if it cannot be read or holds no X25519 key
   */
  public static X25519PublicKeyParameters readPublicKey(Path file) {
    return new X25519PublicKeyParameters(read(file, "node public key"), 0);
  }

  private static byte[] read(Path file, String what) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.US_ASCII).strip();
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the " + what + " " + file, e);
    }
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + " does not hold a base64 " + what);
    }
    if (raw.length != X25519PrivateKeyParameters.KEY_SIZE) {
      throw new IllegalArgumentException(
          file + ": a " + what + " is 32 bytes (X25519), this one is " + raw.length);
    }
    return raw;
  }

  private static void createOwnerOnly(Path file) throws IOException {
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    Files.createFile(file);
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: the file keeps its default mode
    }
  }

  private static String base64(byte[] raw) {
    return Base64.getEncoder().encodeToString(raw);
  }
}
