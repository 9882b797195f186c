package io.ays.testing;

import io.ays.contracts.secrets.SecretBox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The key that encrypts secret answers at rest in a test JVM's coordinator, made on first use in a
 * temporary folder (never committed). {@link TestSigningKeys} hands it to every coordinator it
 * configures, so a test that gives a coordinator its signing key gives it this key too.
 */
public final class TestSecretsKey {

  private static final Path FILE = makeKey();

  private TestSecretsKey() {}

  public static Path keyFile() {
    return FILE;
  }

  /** A box with this key, to open what the tests' coordinator sealed. */
  public static SecretBox box() {
    return SecretBox.fromKeyFile(FILE);
  }

  private static Path makeKey() {
    try {
      Path dir = Files.createTempDirectory("ays-secrets-");
      Path file = dir.resolve("secrets.key");
      SecretBox.writeNewKey(file);
      file.toFile().deleteOnExit();
      dir.toFile().deleteOnExit();
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make the test secrets key", e);
    }
  }
}
