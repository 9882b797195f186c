package io.ays.messaging;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A message waiting to be sent, written in the same transaction as the state change that causes it;
 * the {@link OutboxRelay} sends it after commit and deletes it once the broker has it.
 */
@Entity
@Table(name = "outbox")
public class OutboxMessage extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(name = "topic", nullable = false, length = 300)
  public String topic;

  @Column(name = "message_key", length = 600)
  public String messageKey;

  @Column(name = "payload", nullable = false, columnDefinition = "text")
  public String payload;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  protected OutboxMessage() {}

  OutboxMessage(String topic, String messageKey, String payload, Instant createdAt) {
    this.topic = topic;
    this.messageKey = messageKey;
    this.payload = payload;
    this.createdAt = createdAt;
  }
}
