package io.ays.coordinator.messaging;

import io.ays.contracts.Channel;
import io.ays.contracts.CloudEvent;
import io.ays.coordinator.config.CoordinatorConfig;
import io.ays.messaging.InboundGate;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Handles one poll of a channel in parallel while keeping the order of each Kafka key: the records
 * are split into {@code ays.coordinator.consumer-threads} shares by the hash of their key, every
 * record of one key lands in the same share in offset order, and each share is handled by one
 * thread through the {@link InboundGate}, up to {@code ays.coordinator.messages-per-transaction}
 * messages per transaction. The call returns once every share is done, so the poll's offsets are
 * committed only after all its messages are (at-least-once; the gate's processed-message record
 * makes a redelivery harmless), and the next poll of the channel waits for this one.
 *
 * <p>Every Kafka key the coordinator consumes is an instance key, so requests for one instance and
 * the results of one run keep their order. Work on different instances may now run at the same time
 * and meet on shared rows (a dependency's waiting runs, an instance a request and a result both
 * touch): those rows are locked or versioned, and the transaction that loses such a race is run
 * again by the gate, never dead-lettered.
 */
@ApplicationScoped
public class KeyOrderedHandler {

  private final InboundGate gate;
  private final EntityManager session;
  private final int shares;
  private final int perTransaction;
  private final ExecutorService pool;

  public KeyOrderedHandler(InboundGate gate, EntityManager session, CoordinatorConfig config) {
    this.gate = gate;
    this.session = session;
    this.shares = Math.max(1, config.consumerThreads());
    this.perTransaction = Math.max(1, config.messagesPerTransaction());
    AtomicInteger count = new AtomicInteger();
    this.pool =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "ays-consumer-" + count.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  /** Handles {@code records} (one poll of {@code channel}); returns when all are handled. */
  public void handle(
      Iterable<ConsumerRecord<String, String>> records,
      Channel channel,
      String consumer,
      InboundGate.Repeats repeats,
      Consumer<CloudEvent<?>> handler) {
    List<List<ConsumerRecord<String, String>>> byShare = new ArrayList<>(shares);
    for (int i = 0; i < shares; i++) {
      byShare.add(new ArrayList<>());
    }
    for (ConsumerRecord<String, String> record : records) {
      byShare.get(Math.floorMod(Objects.hashCode(record.key()), shares)).add(record);
    }
    List<List<ConsumerRecord<String, String>>> work =
        byShare.stream().filter(l -> !l.isEmpty()).toList();
    if (work.isEmpty()) {
      return;
    }
    Consumer<CloudEvent<?>> handleAndDetach = event -> handleAndDetach(event, handler);
    List<Future<?>> others = new ArrayList<>(work.size() - 1);
    for (List<ConsumerRecord<String, String>> share : work.subList(1, work.size())) {
      others.add(
          pool.submit(() -> handleShare(share, channel, consumer, repeats, handleAndDetach)));
    }
    RuntimeException failure = null;
    try {
      handleShare(work.get(0), channel, consumer, repeats, handleAndDetach);
    } catch (RuntimeException e) {
      failure = e;
    }
    for (Future<?> other : others) {
      try {
        other.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        failure = failure != null ? failure : new IllegalStateException("interrupted", e);
      } catch (ExecutionException e) {
        RuntimeException cause =
            e.getCause() instanceof RuntimeException r
                ? r
                : new IllegalStateException(e.getCause());
        failure = failure != null ? failure : cause;
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  /**
   * Handles one message of a transaction, then writes its changes and detaches its entities.
   * Without this, every query of the transaction's later messages made Hibernate dirty-check every
   * entity loaded by the earlier ones (auto-flush): with tens of messages per transaction, handling
   * them so took about a fifth more of the coordinator's CPU under load (docs/benchmarks.md). Each
   * message loads what it needs by id or query, and keeps no entity for the next one; the database
   * locks stay to commit.
   */
  private void handleAndDetach(CloudEvent<?> event, Consumer<CloudEvent<?>> handler) {
    handler.accept(event);
    session.flush();
    session.clear();
  }

  private void handleShare(
      List<ConsumerRecord<String, String>> share,
      Channel channel,
      String consumer,
      InboundGate.Repeats repeats,
      Consumer<CloudEvent<?>> handler) {
    for (int from = 0; from < share.size(); from += perTransaction) {
      List<ConsumerRecord<String, String>> chunk =
          share.subList(from, Math.min(share.size(), from + perTransaction));
      gate.handleAll(chunk, channel, consumer, repeats, handler);
    }
  }

  @PreDestroy
  void stop() {
    pool.shutdown();
  }
}
