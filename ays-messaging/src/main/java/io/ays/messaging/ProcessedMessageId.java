package io.ays.messaging;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.io.Serializable;
import java.util.Objects;

/** Key of {@link ProcessedMessage}: which consumer processed which message id. */
@Embeddable
public class ProcessedMessageId implements Serializable {

  @Column(name = "consumer", nullable = false, length = 100)
  public String consumer;

  @Column(name = "message_id", nullable = false, length = 200)
  public String messageId;

  protected ProcessedMessageId() {}

  public ProcessedMessageId(String consumer, String messageId) {
    this.consumer = consumer;
    this.messageId = messageId;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ProcessedMessageId other
        && consumer.equals(other.consumer)
        && messageId.equals(other.messageId);
  }

  @Override
  public int hashCode() {
    return Objects.hash(consumer, messageId);
  }
}
