package io.ays.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;

/**
 * Where services put the messages that a state change causes. The message is stored in the caller's
 * transaction, so that a crash between the database commit and the Kafka send neither loses nor
 * invents a step: the relay sends whatever the outbox holds after a restart.
 */
@ApplicationScoped
public class Outbox {

  private final OutboxTable table;
  private final Clock clock;
  private final OutboxRelay relay;
  private final TransactionSynchronizationRegistry transactions;

  public Outbox(
      OutboxTable table,
      Clock clock,
      OutboxRelay relay,
      TransactionSynchronizationRegistry transactions) {
    this.table = table;
    this.clock = clock;
    this.relay = relay;
    this.transactions = transactions;
  }

  /** Stores a message for {@code topic} in the caller's transaction; it is sent after commit. */
  @Transactional(Transactional.TxType.MANDATORY)
  public void enqueue(String topic, String key, String payload) {
    table.insert(topic, key, payload, Instant.now(clock));
    transactions.registerInterposedSynchronization(
        new Synchronization() {
          @Override
          public void beforeCompletion() {}

          @Override
          public void afterCompletion(int status) {
            if (status == Status.STATUS_COMMITTED) {
              relay.wake();
            }
          }
        });
  }
}
