package io.ays.local;

import java.util.ArrayList;
import java.util.List;

/**
 * The Kafka topics a local AYS needs, with their cleanup policy (the defaults of the event
 * contract).
 */
public final class AysTopics {

  /** Per-node command topics are this prefix followed by the node id. */
  public static final String COMMANDS_PREFIX = "ays.commands.";

  /** One topic to create: its name and whether it is compacted (latest value per key). */
  public record TopicSpec(String name, boolean compacted) {

    public String cleanupPolicy() {
      return compacted ? "compact" : "delete";
    }
  }

  private static final List<TopicSpec> SHARED =
      List.of(
          new TopicSpec("ays.templates", true),
          new TopicSpec("ays.requests", false),
          new TopicSpec("ays.results", false),
          new TopicSpec("ays.service-events", false),
          new TopicSpec("ays.health", false),
          new TopicSpec("ays.nodes", true),
          new TopicSpec("ays.dead-letter", false));

  private AysTopics() {}

  /** The shared topics followed by one command topic per node id. */
  public static List<TopicSpec> forNodes(List<String> nodeIds) {
    List<TopicSpec> all = new ArrayList<>(SHARED);
    for (String nodeId : nodeIds) {
      all.add(new TopicSpec(COMMANDS_PREFIX + nodeId, false));
    }
    return List.copyOf(all);
  }
}
