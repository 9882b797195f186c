package io.ays.coordinator.domain;

import io.ays.contracts.NodeHeartbeat;
import io.ays.contracts.NodeId;
import io.ays.coordinator.config.CoordinatorConfig;
import io.ays.coordinator.persistence.NodeHeartbeatEntity;
import io.ays.messaging.DependencyOutages;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * What the coordinator knows of the nodes: the newest heartbeat of each, and whether a node can be
 * given a command now. A command for a node that never sent a heartbeat, or stopped sending them,
 * would only time out; the run waits for the node instead, saying which and why.
 */
@ApplicationScoped
public class NodeDirectory {

  private static final Logger LOG = Logger.getLogger(NodeDirectory.class);

  /** The consumer of {@code ays.nodes} (NodeListener): heartbeats are heard through it. */
  public static final String HEARTBEAT_CONSUMER = "coordinator.nodes";

  private final CoordinatorConfig config;
  private final Clock clock;
  private final DependencyOutages outages;

  /**
   * The newest heartbeat seen of each node, so that a dispatch to a node heard from recently needs
   * no query (one per phase before). Only a "heard recently" answer is taken from here: a node that
   * looks unknown or silent in it is looked up in the table, which holds what every coordinator
   * received.
   */
  private final Map<String, Heard> heard = new ConcurrentHashMap<>();

  private record Heard(int intervalSeconds, Instant receivedAt) {}

  public NodeDirectory(CoordinatorConfig config, Clock clock, DependencyOutages outages) {
    this.config = config;
    this.clock = clock;
    this.outages = outages;
  }

  /** Keeps {@code heartbeat} if it is the node's newest (heartbeats may arrive out of order). */
  @Transactional(Transactional.TxType.MANDATORY)
  public void onHeartbeat(NodeHeartbeat heartbeat) {
    String node = heartbeat.nodeId().value();
    NodeHeartbeatEntity row = NodeHeartbeatEntity.findById(node);
    if (row == null) {
      row = new NodeHeartbeatEntity();
      row.nodeId = node;
      LOG.infof("node %s is known: executor %s", node, heartbeat.version());
    } else if (row.sentAt.isAfter(heartbeat.sentAt())) {
      return;
    }
    row.version = heartbeat.version();
    row.intervalSeconds = heartbeat.intervalSeconds();
    row.sentAt = heartbeat.sentAt();
    row.receivedAt = Instant.now(clock);
    row.endpoint = heartbeat.endpoint();
    row.persist();
    remember(row);
  }

  /**
   * Why {@code node} cannot be given a command at {@code now}: unknown or silent; empty if it can
   * (or if the check is off).
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public Optional<String> unavailable(NodeId node, Instant now) {
    if (!config.nodeCheck()) {
      return Optional.empty();
    }
    Heard seen = heard.get(node.value());
    if (seen != null && !silent(seen, now)) {
      return Optional.empty();
    }
    NodeHeartbeatEntity row = NodeHeartbeatEntity.findById(node.value());
    if (row == null) {
      return Optional.of(
          "node " + node.value() + " is unknown: no heartbeat ever received from it");
    }
    if (outages.waiting(HEARTBEAT_CONSUMER)) {
      // This coordinator cannot hear heartbeats now (they wait on the topic): that is its own
      // outage, not the node's silence.
      return Optional.empty();
    }
    // The newest of the row and what this coordinator heard, decided and described alike.
    seen = remember(row);
    Duration allowed = silenceAllowed(seen.intervalSeconds());
    Duration quiet = Duration.between(hearingSince(seen.receivedAt()), now);
    if (quiet.compareTo(allowed) > 0) {
      return Optional.of(
          "node "
              + node.value()
              + " is silent: last heartbeat "
              + quiet.toSeconds()
              + " s ago (at "
              + seen.receivedAt()
              + "; silent after "
              + allowed.toSeconds()
              + " s)");
    }
    return Optional.empty();
  }

  /** The base URL of {@code node}'s executor HTTP API, if it published one. */
  @Transactional(Transactional.TxType.MANDATORY)
  public Optional<String> endpoint(String node) {
    NodeHeartbeatEntity row = NodeHeartbeatEntity.findById(node);
    return row == null ? Optional.empty() : Optional.ofNullable(row.endpoint);
  }

  /** Whether a heartbeat ever came from {@code node}. */
  @Transactional(Transactional.TxType.MANDATORY)
  public boolean known(String node) {
    return NodeHeartbeatEntity.findById(node) != null;
  }

  /**
   * Since when a node's silence counts: its last heartbeat, or the end of this coordinator's last
   * outage of the heartbeat consumer if later (the heartbeats sent meanwhile are still being caught
   * up with).
   */
  private Instant hearingSince(Instant lastHeard) {
    return outages
        .lastOutageEnded(HEARTBEAT_CONSUMER)
        .filter(ended -> ended.isAfter(lastHeard))
        .orElse(lastHeard);
  }

  private boolean silent(Heard seen, Instant now) {
    return Duration.between(seen.receivedAt(), now)
            .compareTo(silenceAllowed(seen.intervalSeconds()))
        > 0;
  }

  private Heard remember(NodeHeartbeatEntity row) {
    Heard seen = new Heard(row.intervalSeconds, row.receivedAt);
    return heard.merge(
        row.nodeId, seen, (old, now) -> now.receivedAt().isAfter(old.receivedAt()) ? now : old);
  }

  private Duration silenceAllowed(int intervalSeconds) {
    Duration threeBeats = Duration.ofSeconds(3L * intervalSeconds);
    return threeBeats.compareTo(config.nodeSilence()) > 0 ? threeBeats : config.nodeSilence();
  }
}
