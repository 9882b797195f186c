package io.ays.coordinator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Settings of the lifecycle-coordinator ({@code ays.coordinator.*}). */
@ConfigMapping(prefix = "ays.coordinator")
public interface CoordinatorConfig {

  /** The node id of the management location; also where instances live by default. */
  @WithDefault("local")
  String managementNode();

  /** How long one phase command may run before the executor kills it (default per phase). */
  @WithDefault("120s")
  Duration phaseTimeout();

  /** Extra time the executor gets for start, beyond the template's own timeout_start. */
  @WithDefault("30s")
  Duration startGrace();

  /**
   * How many attempts a phase gets by default (a template may set its own, {@code
   * lifecycle.attempts}); a failed or timed-out attempt is followed by another until they run out.
   */
  @WithDefault("3")
  int phaseAttempts();

  /** The wait before the second attempt of a phase; it doubles for each further attempt. */
  @WithDefault("2s")
  Duration retryBackoff();

  /** The longest wait between two attempts. */
  @WithDefault("60s")
  Duration retryBackoffMax();

  /**
   * How long past a command's own timeout the coordinator waits for its result before it takes the
   * node for silent and counts the attempt as timed out.
   */
  @WithDefault("15s")
  Duration resultGrace();

  /**
   * Whether a command is held until its node is heard from ({@code ays.nodes} heartbeats). On by
   * default; off only for set-ups whose executors send no heartbeats.
   */
  @WithDefault("true")
  boolean nodeCheck();

  /**
   * A node is silent when its last heartbeat is older than this, or than three of its own heartbeat
   * intervals if that is longer.
   */
  @WithDefault("30s")
  Duration nodeSilence();

  /**
   * How long a step waits for its unknown or silent node before the run fails with the reason. The
   * step is re-checked on every sweep meanwhile.
   */
  @WithDefault("2m")
  Duration nodeWait();

  /** How often the sweeper looks for timed-out commands, due retries and runs to re-decide. */
  @WithDefault("1s")
  Duration sweepInterval();

  /**
   * How many threads handle one poll of {@code ays.requests} or {@code ays.results} at once. The
   * poll's messages are split by Kafka key (the instance key): all messages of one key go to the
   * same thread, in their order, so requests for one instance and results of one run are still
   * handled one after the other; different instances proceed in parallel.
   */
  @WithDefault("8")
  int consumerThreads();

  /**
   * How many messages of one thread's share of a poll are handled in one database transaction (one
   * commit for all). 1 gives one transaction per message.
   */
  @WithDefault("50")
  int messagesPerTransaction();

  /** How phase commands are signed (docs/security.md, "Signed commands"). */
  Signing signing();

  /** How secret answers are encrypted at rest (docs/security.md, "Secrets"). */
  SecretsKey secrets();

  /** The key that encrypts secret answers in the database ({@code ays.coordinator.secrets.*}). */
  interface SecretsKey {

    /**
     * A file holding a 256-bit AES key as base64 ({@code head -c 32 /dev/urandom | base64}).
     * Required: the coordinator does not start without it. It seals every new value.
     */
    Optional<Path> keyFile();

    /** The id of {@link #keyFile()}, written into every value it seals. */
    @WithDefault("k1")
    String keyId();

    /**
     * Keys that sealed values before a rotation, each {@code <key id>=<file>}, comma-separated:
     * they still open what they sealed, and the coordinator seals it again with the current key at
     * startup ({@code reseal-at-start}).
     */
    Optional<List<String>> oldKeys();

    /**
     * Whether the coordinator, at startup, seals again with the current key every stored value an
     * older key (or no key id) sealed, so that the old keys can then be dropped.
     */
    @WithDefault("true")
    boolean resealAtStart();

    /**
     * The directory of the nodes' public keys, {@code <node id>.pub} each (base64 X25519): the
     * secret values of a command are sealed for its node with that node's key, and a command that
     * carries secrets to a node without one fails. Read at each command, so that a node added later
     * needs no restart. Only the operator writes it; the coordinator never learns a key from the
     * bus.
     */
    Optional<Path> nodeKeys();
  }

  /** The coordinator's command-signing key ({@code ays.coordinator.signing.*}). */
  interface Signing {

    /**
     * The Ed25519 private key, a PKCS#8 PEM file ({@code openssl genpkey -algorithm ed25519}).
     * Required: the coordinator does not start without it.
     */
    Optional<Path> keyFile();

    /** The key's id, sent with every signature; executors trust keys by id. */
    @WithDefault("ays-1")
    String keyId();

    /**
     * How long a signed command stays valid after it is put in the outbox (it is never valid for
     * less than until its own deadline). Longer than any broker outage the outbox waits out, short
     * enough that a command found on the topic much later, long after the coordinator timed it out
     * and retried under a new id, is refused.
     */
    @WithDefault("10m")
    Duration validity();
  }
}
