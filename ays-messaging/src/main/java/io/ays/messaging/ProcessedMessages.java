package io.ays.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;

/**
 * Remembers which messages a consumer has processed, so that a redelivered message (Kafka gives
 * at-least-once delivery) has no second effect.
 */
@ApplicationScoped
public class ProcessedMessages {

  private final Clock clock;

  public ProcessedMessages(Clock clock) {
    this.clock = clock;
  }

  /**
   * Records that {@code consumer} processed {@code messageId}, in the caller's transaction.
   *
   * @return false if it had been recorded before: the caller must then skip its effects
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public boolean markProcessed(String consumer, String messageId) {
    ProcessedMessageId id = new ProcessedMessageId(consumer, messageId);
    if (ProcessedMessage.findById(id) != null) {
      return false;
    }
    new ProcessedMessage(id, Instant.now(clock)).persist();
    return true;
  }

  /** Whether {@code consumer} has already processed {@code messageId}. */
  @Transactional
  public boolean isProcessed(String consumer, String messageId) {
    return ProcessedMessage.findById(new ProcessedMessageId(consumer, messageId)) != null;
  }
}
