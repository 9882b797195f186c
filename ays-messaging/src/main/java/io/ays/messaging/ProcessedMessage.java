package io.ays.messaging;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A message id that a consumer has fully processed; written in the same transaction as its effects.
 */
@Entity
@Table(name = "processed_message")
public class ProcessedMessage extends PanacheEntityBase {

  @EmbeddedId public ProcessedMessageId id;

  @Column(name = "processed_at", nullable = false)
  public Instant processedAt;

  protected ProcessedMessage() {}

  ProcessedMessage(ProcessedMessageId id, Instant processedAt) {
    this.id = id;
    this.processedAt = processedAt;
  }
}
