package io.ays.coordinator.config;

import io.ays.contracts.secrets.SecretBox;
import io.ays.contracts.signing.SigningKeys;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Makes the {@link SecretBox} that encrypts secret answers at rest from its key file, at startup:
 * without a key the coordinator refuses to start rather than store a secret in clear.
 */
public class SecretsKey {

  private static final Logger LOG = Logger.getLogger(SecretsKey.class);
  static final String KEY_FILE = "ays.coordinator.secrets.key-file";
  static final String OLD_KEYS = "ays.coordinator.secrets.old-keys";

  @Produces
  @Singleton
  @Startup
  SecretBox secretBox(CoordinatorConfig config) {
    CoordinatorConfig.SecretsKey secrets = config.secrets();
    SecretBox box = load(secrets.keyFile(), secrets.keyId(), secrets.oldKeys().orElse(List.of()));
    LOG.infof(
        "encrypting secret answers with the key %s in %s (key ring %s)",
        box.currentKeyId(), secrets.keyFile().get(), box.keyIds());
    return box;
  }

  /** The ring of one key, {@value SecretBox#DEFAULT_KEY_ID}, in {@code file}. */
  static SecretBox load(Optional<Path> file) {
    return load(file, SecretBox.DEFAULT_KEY_ID, List.of());
  }

  /**
   * The box of the key in {@code file}.
   *
   * @throws IllegalStateException naming the property if there is no key or it cannot be read
   */
  static SecretBox load(Optional<Path> file, String keyId, List<String> oldKeys) {
    Path path =
        file.orElseThrow(
            () ->
                new IllegalStateException(
                    "no secrets key: set "
                        + KEY_FILE
                        + " (env AYS_SECRETS_KEY_FILE) to a file holding a base64 256-bit key"
                        + " (head -c 32 /dev/urandom | base64); docs/security.md, \"Secrets\""));
    byte[] current = readKey(KEY_FILE, path);
    Map<String, byte[]> older = new LinkedHashMap<>();
    for (String entry : oldKeys) {
      int equals = entry.indexOf('=');
      if (equals < 1) {
        throw new IllegalStateException(OLD_KEYS + ": '" + entry + "' is not <key id>=<file>");
      }
      String id = entry.substring(0, equals).strip();
      older.put(
          id, readKey(OLD_KEYS + " (" + id + ")", Path.of(entry.substring(equals + 1).strip())));
    }
    try {
      return new SecretBox(keyId, current, older);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("the secrets key ring: " + e.getMessage(), e);
    }
  }

  private static byte[] readKey(String setting, Path path) {
    if (!Files.isReadable(path)) {
      throw new IllegalStateException(setting + ": cannot read " + path);
    }
    if (!SigningKeys.ownerOnly(path)) {
      LOG.warnf("%s: %s is readable by others than its owner; make it mode 0600", setting, path);
    }
    try {
      return SecretBox.readKey(path);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(setting + ": " + e.getMessage(), e);
    }
  }
}
