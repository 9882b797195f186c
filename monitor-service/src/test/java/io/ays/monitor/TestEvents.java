package io.ays.monitor;

import io.ays.contracts.Capacity;
import io.ays.contracts.CloudEvent;
import io.ays.contracts.EventCodec;
import io.ays.contracts.EventPayload;
import io.ays.contracts.EventType;
import io.ays.contracts.HealthReport;
import io.ays.contracts.HealthSource;
import io.ays.contracts.HealthStatus;
import io.ays.contracts.InstanceKey;
import io.ays.contracts.InstanceState;
import io.ays.contracts.InstanceStateChanged;
import io.ays.contracts.NodeHeartbeat;
import io.ays.contracts.NodeId;
import io.ays.contracts.Platform;
import io.ays.contracts.RequestAction;
import io.ays.contracts.RequestRejected;
import io.ays.contracts.RunAccepted;
import io.ays.contracts.RunFinished;
import io.ays.contracts.RunOutcome;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The JSON messages the executors and the coordinator would publish, for tests. */
final class TestEvents {

  static final String NODE = "node7";
  private static final EventCodec CODEC = new EventCodec();

  private TestEvents() {}

  /** A new instance key in domain {@code t}, so that tests sharing the topics stay apart. */
  static String newInstanceKey(String name) {
    return "t/" + name + "-" + UUID.randomUUID().toString().substring(0, 8) + "/main";
  }

  static String newId() {
    return UUID.randomUUID().toString();
  }

  /** The JSON of a process-exit DOWN report with its own id and the given correlation. */
  static String crash(String id, String correlationId, String key, int exitCode) {
    return health(
        id,
        correlationId,
        key,
        HealthStatus.DOWN,
        HealthSource.PROCESS_EXIT,
        exitCode,
        "process.1 exited with status " + exitCode);
  }

  static String health(
      String id, String key, HealthStatus status, HealthSource source, String message) {
    return health(id, id, key, status, source, null, message);
  }

  static String health(
      String id,
      String correlationId,
      String key,
      HealthStatus status,
      HealthSource source,
      Integer exitCode,
      String message) {
    HealthReport report =
        new HealthReport(
            InstanceKey.parse(key),
            NodeId.of(NODE),
            status,
            source,
            exitCode == null ? null : "process.1",
            exitCode == null ? null : 4242L,
            exitCode,
            message,
            exitCode == null ? null : "last words\n",
            Instant.now());
    return json(id, correlationId, EventType.HEALTH_REPORT, report);
  }

  static String state(String key, InstanceState from, InstanceState to) {
    return stateOn(NODE, key, from, to);
  }

  static String stateOn(String node, String key, InstanceState from, InstanceState to) {
    String id = newId();
    InstanceStateChanged change =
        new InstanceStateChanged(InstanceKey.parse(key), NodeId.of(node), from, to, null, null);
    return json(id, id, EventType.INSTANCE_STATE, change);
  }

  /** A periodic MONITOR report of {@code status} from {@code node}. */
  static String reportOn(String node, String key, HealthStatus status, String message) {
    HealthReport report =
        new HealthReport(
            InstanceKey.parse(key),
            NodeId.of(node),
            status,
            HealthSource.MONITOR,
            null,
            null,
            null,
            message,
            null,
            Instant.now());
    String id = newId();
    return json(id, id, EventType.HEALTH_REPORT, report);
  }

  /** A heartbeat of {@code node}, sent now, announcing one every {@code intervalSeconds}. */
  static String heartbeat(String node, int intervalSeconds) {
    NodeHeartbeat heartbeat =
        new NodeHeartbeat(
            NodeId.of(node),
            "0.1.0-test",
            new Platform("linux", "amd64", "debian 12"),
            new Capacity(2, 4_000_000_000L, 1),
            0,
            Instant.now().minusSeconds(60),
            Instant.now(),
            intervalSeconds,
            null);
    String id = newId();
    return json(id, id, EventType.NODE_HEARTBEAT, heartbeat);
  }

  static String rejection(String key, String requestId, String reason) {
    String id = newId();
    RequestRejected rejected =
        new RequestRejected(key, requestId, "ays.request.restart.v1", reason, List.of());
    return json(id, requestId, EventType.REQUEST_REJECTED, rejected);
  }

  /** The coordinator accepted run {@code runId}, an install of {@code key} on {@code node}. */
  static String runAccepted(UUID runId, String key, String node) {
    String id = newId();
    RunAccepted accepted =
        new RunAccepted(
            runId,
            InstanceKey.parse(key),
            RequestAction.INSTALL,
            id,
            NodeId.of(node),
            null,
            List.of());
    return json(id, id, EventType.RUN_ACCEPTED, accepted);
  }

  /** Run {@code runId}, an install of {@code key}, ended with {@code outcome}. */
  static String runFinished(UUID runId, String key, RunOutcome outcome, String reason) {
    String id = newId();
    RunFinished finished =
        new RunFinished(
            runId,
            InstanceKey.parse(key),
            RequestAction.INSTALL,
            outcome,
            reason,
            null,
            null,
            1234L);
    return json(id, id, EventType.RUN_FINISHED, finished);
  }

  private static String json(
      String id, String correlationId, EventType type, EventPayload payload) {
    String cause = correlationId.equals(id) ? null : correlationId;
    return CODEC.encode(
        new CloudEvent<>(id, "/ays/test", type, Instant.now(), correlationId, cause, payload));
  }
}
