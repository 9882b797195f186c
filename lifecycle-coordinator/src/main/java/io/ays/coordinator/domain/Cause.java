package io.ays.coordinator.domain;

import io.ays.contracts.CloudEvent;

/**
 * The message that made the coordinator act, so that what it emits can name its cause.
 *
 * @param messageId the id of the causing message; null when the coordinator acts on its own (e.g. a
 *     sweeper timeout)
 * @param correlationId the chain the action belongs to
 */
public record Cause(String messageId, String correlationId) {

  public static Cause of(CloudEvent<?> event) {
    return new Cause(event.id(), event.correlationId());
  }
}
