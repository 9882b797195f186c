package io.ays.coordinator;

import static io.ays.coordinator.FlowHelpers.await;
import static io.ays.coordinator.FlowHelpers.shortId;
import static org.assertj.core.api.Assertions.assertThat;

import io.ays.contracts.Capacity;
import io.ays.contracts.NodeHeartbeat;
import io.ays.contracts.NodeId;
import io.ays.contracts.Platform;
import io.ays.coordinator.domain.NodeDirectory;
import io.ays.messaging.DependencyOutages;
import io.ays.testing.KafkaTestResource;
import io.ays.testing.PostgresTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.SQLTransientConnectionException;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * While the coordinator's heartbeat consumer waits out a database outage it cannot hear any node,
 * so no node counts as silent then, and a node's silence counts again only from the end of that
 * outage: the heartbeats sent meanwhile are being caught up with. Otherwise a run whose results
 * come back first after an outage would fail for a node that never stopped beating.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class NodeSilenceAfterOwnOutageTest {

  @Inject NodeDirectory nodes;
  @Inject DependencyOutages outages;

  @Test
  void aNodeIsNotSilentForTheTimeTheCoordinatorCouldNotHearIt() {
    NodeId node = NodeId.of("beating-" + shortId());
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                nodes.onHeartbeat(
                    new NodeHeartbeat(
                        node,
                        "test",
                        new Platform("linux", "amd64", "debian 12"),
                        new Capacity(2, 1L << 30, 4),
                        0,
                        Instant.now(),
                        Instant.now(),
                        1,
                        null)));
    await(() -> unavailable(node).isPresent(), "the node never fell silent (2 s in tests)");
    assertThat(unavailable(node).get()).contains("is silent");

    // The heartbeat consumer meets an outage: meanwhile nothing can be said of the node.
    outages.pauseBeforeRetry(
        NodeDirectory.HEARTBEAT_CONSUMER,
        new IllegalStateException(new SQLTransientConnectionException("the database is down")));
    assertThat(unavailable(node)).as("while the coordinator cannot hear").isEmpty();

    // Back: the node's silence counts from now, not from its last heartbeat received.
    outages.recovered(NodeDirectory.HEARTBEAT_CONSUMER);
    assertThat(unavailable(node)).as("right after the outage").isEmpty();
    await(() -> unavailable(node).isPresent(), "a node that stays silent is silent again");
  }

  private Optional<String> unavailable(NodeId node) {
    return QuarkusTransaction.requiringNew().call(() -> nodes.unavailable(node, Instant.now()));
  }
}
