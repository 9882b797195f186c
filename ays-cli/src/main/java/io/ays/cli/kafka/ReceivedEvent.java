package io.ays.cli.kafka;

import io.ays.contracts.CloudEvent;

/**
 * One message read from a topic: its raw JSON (for --json output) and the decoded event, or null
 * with the reason when it is not a valid AYS event (a dead letter's business, not the CLI's).
 */
public record ReceivedEvent(
    String topic, String key, String json, CloudEvent<?> event, String invalid) {

  public boolean valid() {
    return event != null;
  }
}
