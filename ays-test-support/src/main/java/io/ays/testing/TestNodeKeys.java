package io.ays.testing;

import io.ays.contracts.secrets.NodeKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;

/**
 * The nodes' secret-carrying key pairs of a test JVM, made on first use in a temporary folder
 * (never committed): the public keys in one directory, which {@link TestSigningKeys} gives to every
 * coordinator it configures (its trusted place for node keys), the private keys beside it, one per
 * node. A node gets its pair when a test first asks for it; a test that installs a secret answer on
 * its own node asks before the coordinator sends it a command.
 */
public final class TestNodeKeys {

  private static final Path DIR = makeDirectory();

  private TestNodeKeys() {}

  /** The directory of node public keys ({@code <node>.pub}) the tests' coordinators read. */
  public static Path publicKeyDirectory() {
    return DIR.resolve("public");
  }

  /** The private key file of {@code nodeId}, its pair made (and its public key registered) now. */
  public static synchronized Path privateKeyFile(String nodeId) {
    Path file = DIR.resolve("private").resolve(nodeId + ".key");
    if (!Files.exists(file)) {
      Path publicFile = NodeKeys.publicKeyFile(publicKeyDirectory(), nodeId);
      NodeKeys.writeNewPair(file, publicFile);
      file.toFile().deleteOnExit();
      publicFile.toFile().deleteOnExit();
    }
    return file;
  }

  /** The private key of {@code nodeId}, to open what the tests' coordinator sealed for it. */
  public static X25519PrivateKeyParameters privateKey(String nodeId) {
    return NodeKeys.readPrivateKey(privateKeyFile(nodeId));
  }

  /** The environment variable that gives an executor process of {@code nodeId} its key. */
  public static Map<String, String> executorEnvironment(String nodeId) {
    return Map.of("AYS_NODE_KEY_FILE", privateKeyFile(nodeId).toString());
  }

  private static Path makeDirectory() {
    try {
      Path dir = Files.createTempDirectory("ays-node-keys-");
      Files.createDirectories(dir.resolve("public"));
      Files.createDirectories(dir.resolve("private"));
      dir.toFile().deleteOnExit();
      dir.resolve("public").toFile().deleteOnExit();
      dir.resolve("private").toFile().deleteOnExit();
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make the test node keys folder", e);
    }
  }
}
