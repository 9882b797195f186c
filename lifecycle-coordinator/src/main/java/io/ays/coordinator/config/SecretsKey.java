package io.ays.coordinator.config;

import io.ays.contracts.secrets.SecretBox;
import io.ays.contracts.signing.SigningKeys;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Makes the {@link SecretBox} that encrypts secret answers at rest from its key file, at startup:
 * without a key the coordinator refuses to start rather than store a secret in clear.
 */
public class SecretsKey {

  private static final Logger LOG = Logger.getLogger(SecretsKey.class);
  static final String KEY_FILE = "ays.coordinator.secrets.key-file";

  @Produces
  @Singleton
  @Startup
  SecretBox secretBox(CoordinatorConfig config) {
    SecretBox box = load(config.secrets().keyFile());
    LOG.infof("encrypting secret answers with the key in %s", config.secrets().keyFile().get());
    return box;
  }

  /**
   * The box of the key in {@code file}.
   *
   * @throws IllegalStateException naming the property if there is no key or it cannot be read
   */
  static SecretBox load(Optional<Path> file) {
    Path path =
        file.orElseThrow(
            () ->
                new IllegalStateException(
                    "no secrets key: set "
                        + KEY_FILE
                        + " (env AYS_SECRETS_KEY_FILE) to a file holding a base64 256-bit key"
                        + " (head -c 32 /dev/urandom | base64); docs/security.md, \"Secrets\""));
    if (!Files.isReadable(path)) {
      throw new IllegalStateException(KEY_FILE + ": cannot read " + path);
    }
    if (!SigningKeys.ownerOnly(path)) {
      LOG.warnf("%s: %s is readable by others than its owner; make it mode 0600", KEY_FILE, path);
    }
    try {
      return SecretBox.fromKeyFile(path);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(KEY_FILE + ": " + e.getMessage(), e);
    }
  }
}
