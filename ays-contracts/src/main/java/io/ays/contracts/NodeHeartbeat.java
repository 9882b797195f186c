package io.ays.contracts;

import java.time.Instant;
import java.util.regex.Pattern;

/**
 * A node-executor's periodic "I am here", on {@code ays.nodes} (compacted, key node id): the latest
 * heartbeat of each node is always readable. A node is late when nothing came for a few {@code
 * intervalSeconds}.
 *
 * @param version the executor's version
 * @param supervisedProcesses how many host processes it supervises now (containers not included)
 * @param startedAt when the executor started
 * @param intervalSeconds how often it sends a heartbeat
 * @param endpoint the base URL of the executor's HTTP API (its logs are read there), reachable from
 *     the coordinator; null when it publishes none
 * @param supervisedContainers how many containers it supervises now (the container form of {@code
 *     process.N}); null from an executor older than this field
 */
public record NodeHeartbeat(
    NodeId nodeId,
    String version,
    Platform platform,
    Capacity capacity,
    Integer supervisedProcesses,
    Instant startedAt,
    Instant sentAt,
    Integer intervalSeconds,
    String endpoint,
    Integer supervisedContainers)
    implements EventPayload {

  /**
   * What the coordinator will connect to for a node's logs: scheme, host and port, nothing that
   * could steer the request elsewhere or smuggle a credential (no user, path, query or fragment).
   */
  static final String ENDPOINT_RULE =
      "http(s)://host[:port] only (no user, path, query or fragment)";

  private static final Pattern ENDPOINT =
      Pattern.compile("https?://(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9.-]+)(:[0-9]{1,5})?/?");

  public NodeHeartbeat {
    Fields.required(nodeId, "nodeId");
    Fields.requiredText(version, "version");
    Fields.required(platform, "platform");
    Fields.required(capacity, "capacity");
    Fields.atLeast(supervisedProcesses, 0, "supervisedProcesses");
    Fields.required(startedAt, "startedAt");
    Fields.required(sentAt, "sentAt");
    Fields.atLeast(intervalSeconds, 1, "intervalSeconds");
    if (endpoint != null) {
      Fields.maxLength(endpoint, 300, "endpoint");
      Fields.matching(endpoint, ENDPOINT, ENDPOINT_RULE, "endpoint");
    }
    if (supervisedContainers != null) {
      Fields.atLeast(supervisedContainers, 0, "supervisedContainers");
    }
  }

  /** A heartbeat that says nothing of containers (as an executor older than that field sends). */
  public NodeHeartbeat(
      NodeId nodeId,
      String version,
      Platform platform,
      Capacity capacity,
      Integer supervisedProcesses,
      Instant startedAt,
      Instant sentAt,
      Integer intervalSeconds,
      String endpoint) {
    this(
        nodeId,
        version,
        platform,
        capacity,
        supervisedProcesses,
        startedAt,
        sentAt,
        intervalSeconds,
        endpoint,
        null);
  }

  @Override
  public String subject() {
    return nodeId.value();
  }
}
