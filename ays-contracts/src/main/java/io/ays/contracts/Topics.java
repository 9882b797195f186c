package io.ays.contracts;

import java.util.regex.Pattern;

/**
 * The topic names in use. Names are configurable; {@link #defaults()} holds the documented ones.
 * Commands go to one topic per node ({@code commandsPrefix + nodeId}) so that an executor reads
 * only its own node's commands.
 */
public record Topics(
    String templates,
    String requests,
    String commandsPrefix,
    String results,
    String serviceEvents,
    String health,
    String nodes,
    String deadLetter) {

  public static final String TEMPLATES = "ays.templates";
  public static final String REQUESTS = "ays.requests";
  public static final String COMMANDS_PREFIX = "ays.commands.";
  public static final String RESULTS = "ays.results";
  public static final String SERVICE_EVENTS = "ays.service-events";
  public static final String HEALTH = "ays.health";
  public static final String NODES = "ays.nodes";
  public static final String DEAD_LETTER = "ays.dead-letter";

  private static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9._-]{1,249}");
  private static final String TOPIC_RULE = "letters, digits, '.', '_' and '-', 1 to 249 characters";

  public Topics {
    topic(templates, "templates");
    topic(requests, "requests");
    topic(commandsPrefix, "commandsPrefix");
    topic(results, "results");
    topic(serviceEvents, "serviceEvents");
    topic(health, "health");
    topic(nodes, "nodes");
    topic(deadLetter, "deadLetter");
  }

  /** The default topic names. */
  public static Topics defaults() {
    return new Topics(
        TEMPLATES, REQUESTS, COMMANDS_PREFIX, RESULTS, SERVICE_EVENTS, HEALTH, NODES, DEAD_LETTER);
  }

  /** The command topic of one node, e.g. {@code ays.commands.node7}. */
  public String commandsTopicFor(NodeId node) {
    return topic(commandsPrefix + Fields.required(node, "node").value(), "commands topic");
  }

  /** The command topic of one node id, validated. */
  public String commandsTopicFor(String nodeId) {
    return commandsTopicFor(NodeId.of(nodeId));
  }

  /** The topic of a channel; commands need a node, see {@link #commandsTopicFor(NodeId)}. */
  public String topicOf(Channel channel) {
    return switch (channel) {
      case TEMPLATES -> templates;
      case REQUESTS -> requests;
      case COMMANDS ->
          throw new IllegalArgumentException("commands go to one topic per node: commandsTopicFor");
      case RESULTS -> results;
      case SERVICE_EVENTS -> serviceEvents;
      case HEALTH -> health;
      case NODES -> nodes;
      case DEAD_LETTER -> deadLetter;
    };
  }

  private static String topic(String value, String field) {
    return Fields.matching(value, TOPIC, TOPIC_RULE, field);
  }
}
