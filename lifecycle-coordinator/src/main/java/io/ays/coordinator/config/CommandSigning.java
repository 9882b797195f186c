package io.ays.coordinator.config;

import io.ays.contracts.signing.CommandSigner;
import io.ays.contracts.signing.SigningKeys;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Makes the coordinator's {@link CommandSigner} from its key file, at startup: without a key the
 * coordinator refuses to start, since every command it sends must be signed.
 */
public class CommandSigning {

  private static final Logger LOG = Logger.getLogger(CommandSigning.class);
  static final String KEY_FILE = "ays.coordinator.signing.key-file";

  @Produces
  @Singleton
  @Startup
  CommandSigner commandSigner(CoordinatorConfig config) {
    CommandSigner signer = load(config.signing().keyFile(), config.signing().keyId());
    LOG.infof("signing commands with key %s", signer.keyId());
    return signer;
  }

  /**
   * The signer of the key in {@code file}.
   *
   * @throws IllegalStateException naming the property if there is no key or it cannot be read
   */
  static CommandSigner load(Optional<Path> file, String keyId) {
    Path path =
        file.orElseThrow(
            () ->
                new IllegalStateException(
                    "no command-signing key: set "
                        + KEY_FILE
                        + " (env AYS_SIGNING_KEY_FILE) to an Ed25519 private key in PKCS#8"
                        + " PEM form; docs/security.md, \"Signed commands\""));
    if (!Files.isReadable(path)) {
      throw new IllegalStateException(KEY_FILE + ": cannot read " + path);
    }
    if (!SigningKeys.ownerOnly(path)) {
      // Not fatal (a mounted Secret may show other modes), but the operator should know.
      LOG.warnf("%s: %s is readable by others than its owner; make it mode 0600", KEY_FILE, path);
    }
    try {
      return new CommandSigner(SigningKeys.readPrivateKey(path), keyId);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(KEY_FILE + ": " + e.getMessage(), e);
    }
  }
}
