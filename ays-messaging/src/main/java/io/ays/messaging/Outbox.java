package io.ays.messaging;

import io.ays.messaging.tracing.TraceParent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Where services put the messages that a state change causes. The message is stored in the caller's
 * transaction, so that a crash between the database commit and the Kafka send neither loses nor
 * invents a step: the relay sends whatever the outbox holds after a restart.
 *
 * <p>A transaction's messages are kept until it is about to commit and then written in one JDBC
 * batch (one round trip instead of one per message: a coordinator transaction handling 50 results
 * writes 100 or more); the relay is woken once it has committed.
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

  /**
   * Stores a message for {@code topic} in the caller's transaction (written when it commits, in the
   * order of the calls); it is sent after commit, with the current span as its {@code traceparent}.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public void enqueue(String topic, String key, String payload) {
    Pending pending = (Pending) transactions.getResource(Pending.class);
    if (pending == null) {
      pending = new Pending();
      transactions.putResource(Pending.class, pending);
      transactions.registerInterposedSynchronization(pending);
    }
    // The span that caused the message is its parent wherever it is handled: stored with the row,
    // as the relay sends from its own thread, long after this span may have ended.
    pending.messages.add(
        new OutboxTable.NewMessage(topic, key, payload, Instant.now(clock), TraceParent.current()));
  }

  /** The messages of one transaction, written just before it commits. */
  private final class Pending implements Synchronization {

    private final List<OutboxTable.NewMessage> messages = new ArrayList<>();

    @Override
    public void beforeCompletion() {
      // Also called for a transaction about to roll back: the rows then go with it.
      table.insertAll(messages);
    }

    @Override
    public void afterCompletion(int status) {
      if (status == Status.STATUS_COMMITTED) {
        relay.wake();
      }
    }
  }
}
