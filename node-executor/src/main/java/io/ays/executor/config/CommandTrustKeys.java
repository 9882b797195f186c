package io.ays.executor.config;

import io.ays.contracts.signing.CommandVerifier;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Reads the public keys this node trusts, at startup: a key file that cannot be read stops the
 * executor; no key at all leaves it running (heartbeats, logs) but refusing every command.
 */
public class CommandTrustKeys {

  private static final Logger LOG = Logger.getLogger(CommandTrustKeys.class);

  @Produces
  @Singleton
  @Startup
  CommandVerifier commandVerifier(ExecutorConfig config) {
    CommandVerifier verifier =
        CommandVerifier.fromEntries(config.signing().trustedKeys().orElse(List.of()));
    if (verifier.keyIds().isEmpty()) {
      LOG.error(
          "no trusted command-signing key (ays.executor.signing.trusted-keys, env"
              + " AYS_TRUSTED_KEYS): every command will be refused");
    } else {
      LOG.infof("accepting commands signed with key(s) %s", verifier.keyIds());
    }
    return verifier;
  }
}
