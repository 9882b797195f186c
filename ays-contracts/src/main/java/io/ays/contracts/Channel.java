package io.ays.contracts;

/** The logical Kafka channels of AYS; {@link Topics} gives their (configurable) topic names. */
public enum Channel {
  TEMPLATES(true, "template key domain/name"),
  REQUESTS(false, "instance key domain/name/instance"),
  /** One topic per node, {@code <prefix><node id>}. */
  COMMANDS(false, "instance key domain/name/instance"),
  RESULTS(false, "instance key domain/name/instance"),
  SERVICE_EVENTS(false, "instance key domain/name/instance"),
  HEALTH(false, "instance key domain/name/instance"),
  NODES(true, "node id"),
  DEAD_LETTER(false, "the key of the original message");

  private final boolean compacted;
  private final String key;

  Channel(boolean compacted, String key) {
    this.compacted = compacted;
    this.key = key;
  }

  /** Whether the topic is log-compacted: it keeps the latest message per key. */
  public boolean compacted() {
    return compacted;
  }

  /** What the Kafka key (and the envelope's {@code subject}) holds. */
  public String key() {
    return key;
  }
}
