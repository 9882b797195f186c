package io.ays.testing;

import io.ays.contracts.signing.CommandSigner;
import io.ays.contracts.signing.CommandVerifier;
import io.ays.contracts.signing.SigningKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The command-signing key pair of a test JVM, made on first use in a temporary folder (never
 * committed): the coordinator signs with it, executors trust it, tests that play the coordinator
 * sign their commands with it.
 */
public final class TestSigningKeys {

  /** The key id the tests' coordinator signs with and their executors trust. */
  public static final String KEY_ID = "test-1";

  private static final Path DIR = makeKeys();

  private static final CommandSigner SIGNER =
      new CommandSigner(SigningKeys.readPrivateKey(privateKeyFile()), KEY_ID);

  private TestSigningKeys() {}

  public static Path privateKeyFile() {
    return DIR.resolve("signing.pem");
  }

  public static Path publicKeyFile() {
    return DIR.resolve("signing.pub.pem");
  }

  /** Signs an encoded command as the coordinator would, valid for ten minutes. */
  public static String sign(String commandJson) {
    return sign(commandJson, Instant.now().plusSeconds(600));
  }

  public static String sign(String commandJson, Instant expires) {
    return SIGNER.sign(commandJson, expires);
  }

  /** A verifier that trusts this key only, as the tests' executors do. */
  public static CommandVerifier verifier() {
    return CommandVerifier.fromEntries(List.of(KEY_ID + "=" + publicKeyFile()));
  }

  /**
   * The settings that give a coordinator this key (and the {@link TestSecretsKey} and the {@link
   * TestNodeKeys} directory) and make an executor trust it (and give the executor of node {@code
   * local} its node key).
   */
  public static Map<String, String> quarkusProperties() {
    return Map.of(
        "ays.coordinator.secrets.key-file",
        TestSecretsKey.keyFile().toString(),
        "ays.coordinator.secrets.node-keys",
        TestNodeKeys.publicKeyDirectory().toString(),
        "ays.executor.secrets.node-key-file",
        TestNodeKeys.privateKeyFile("local").toString(),
        "ays.coordinator.signing.key-file",
        privateKeyFile().toString(),
        "ays.coordinator.signing.key-id",
        KEY_ID,
        "ays.executor.signing.trusted-keys",
        KEY_ID + "=" + publicKeyFile());
  }

  /**
   * The coordinator's environment variables for this key (and the {@link TestSecretsKey} and the
   * {@link TestNodeKeys} directory), for a coordinator process.
   */
  public static Map<String, String> coordinatorEnvironment() {
    return Map.of(
        "AYS_SIGNING_KEY_FILE",
        privateKeyFile().toString(),
        "AYS_SIGNING_KEY_ID",
        KEY_ID,
        "AYS_SECRETS_KEY_FILE",
        TestSecretsKey.keyFile().toString(),
        "AYS_NODE_KEYS_DIR",
        TestNodeKeys.publicKeyDirectory().toString());
  }

  /** The executor's environment variable that makes an executor process trust this key. */
  public static Map<String, String> executorEnvironment() {
    return Map.of("AYS_TRUSTED_KEYS", KEY_ID + "=" + publicKeyFile());
  }

  private static Path makeKeys() {
    try {
      Path dir = Files.createTempDirectory("ays-signing-");
      SigningKeys.writeNewPair(
          SigningKeys.generate(), dir.resolve("signing.pem"), dir.resolve("signing.pub.pem"));
      dir.resolve("signing.pem").toFile().deleteOnExit();
      dir.resolve("signing.pub.pem").toFile().deleteOnExit();
      dir.toFile().deleteOnExit();
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make the test signing keys", e);
    }
  }
}
