package io.ays.messaging;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Sends the outbox's messages in the order they were written, then deletes them. Woken right after
 * each commit that added messages, and polling every {@code ays.outbox.poll-interval} (500ms) as a
 * safety net; a service whose rows are only ever written by itself may poll far less often (the
 * node-executor polls every 5s: an idle poll is a transaction and a query).
 *
 * <p>A crash after the send and before the delete sends a message again on restart: consumers
 * recognise it by its unchanged envelope id (see {@link ProcessedMessages}).
 *
 * <p>At shutdown (SIGTERM) the relay outlives the Kafka consumers: once they have finished their
 * messages in flight and closed, it sends whatever the last transactions committed, for up to
 * {@code ays.outbox.drain-timeout} (10s), so that a stopped service leaves nothing behind that
 * waits for its next start.
 */
@ApplicationScoped
public class OutboxRelay {

  private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
  private static final int BATCH = 200;
  private static final long RETRY_MILLIS = 1000;

  private final KafkaSender sender;
  private final OutboxTable table;
  private final long pollMillis;
  private final OutboxGauges gauges;
  private final long measureNanos;
  private final Duration drainTimeout;

  /** When the relay thread last measured the outbox; null before the first time. */
  private Long lastMeasured;

  private final Semaphore wakeUps = new Semaphore(0);
  private volatile Thread worker;
  private volatile boolean running;

  public OutboxRelay(
      KafkaSender sender,
      OutboxTable table,
      @ConfigProperty(name = "ays.outbox.poll-interval", defaultValue = "500ms")
          Duration pollInterval,
      OutboxGauges gauges,
      @ConfigProperty(name = "ays.outbox.metrics-interval", defaultValue = "5s")
          Duration metricsInterval,
      @ConfigProperty(name = "ays.outbox.drain-timeout", defaultValue = "10s")
          Duration drainTimeout) {
    this.sender = sender;
    this.drainTimeout = drainTimeout;
    this.table = table;
    this.pollMillis = Math.max(1, pollInterval.toMillis());
    this.gauges = gauges;
    this.measureNanos = metricsInterval.toNanos();
  }

  void onStart(@Observes StartupEvent event) {
    start();
  }

  /** Starts the relay's thread (Quarkus does, at start). */
  public void start() {
    running = true;
    Thread thread = new Thread(this::loop, "ays-outbox-relay");
    thread.setDaemon(true);
    thread.start();
    worker = thread;
  }

  /**
   * Stops the relay and sends what is left. Observed before application-scoped beans are destroyed,
   * and after the Kafka connector's own observer (priority 50), which lets each consumer finish its
   * messages in flight, commit their offsets and leave its group: by then no transaction adds to
   * the outbox any more. The database and the producer are still open.
   */
  void drainAtShutdown(
      @Observes @Priority(1000) @BeforeDestroyed(ApplicationScoped.class) Object event) {
    stopAndFlush();
  }

  /**
   * Stops the relay's thread, then sends what the outbox holds for up to {@code
   * ays.outbox.drain-timeout}; what is left is sent at the next start.
   */
  public void stopAndFlush() {
    running = false;
    wake();
    Thread thread = worker;
    try {
      if (thread != null) {
        thread.join(drainTimeout.toMillis());
      }
      drain(drainTimeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Sends the outbox's messages until it is empty or {@code timeout} has passed, on a thread of its
   * own so that a broker that does not answer cannot hold the shutdown longer.
   *
   * @return whether the outbox was emptied
   */
  boolean drain(Duration timeout) throws InterruptedException {
    AtomicLong sent = new AtomicLong();
    AtomicBoolean emptied = new AtomicBoolean();
    Thread drainer =
        new Thread(
            () -> {
              long deadline = System.nanoTime() + timeout.toNanos();
              while (System.nanoTime() < deadline) {
                try {
                  int batch = sendBatch();
                  if (batch == 0) {
                    emptied.set(true);
                    return;
                  }
                  sent.addAndGet(batch);
                } catch (RuntimeException e) {
                  LOG.warnf("outbox relay at shutdown: %s; retrying", e.getMessage());
                  sleepQuietly(RETRY_MILLIS);
                }
              }
            },
            "ays-outbox-drain");
    drainer.start();
    drainer.join(timeout.toMillis() + RETRY_MILLIS);
    drainer.interrupt();
    if (emptied.get()) {
      LOG.infof("outbox flushed at shutdown: %d messages sent", sent.get());
    } else {
      LOG.warnf(
          "outbox not flushed within %s at shutdown (%d messages sent): the rest is sent at the"
              + " next start",
          timeout, sent.get());
    }
    return emptied.get();
  }

  /** Asks the relay to look at the outbox now. */
  public void wake() {
    wakeUps.release();
  }

  private void loop() {
    while (running) {
      try {
        measureNowAndThen();
        int sent = sendBatch();
        if (sent < BATCH) {
          wakeUps.tryAcquire(pollMillis, TimeUnit.MILLISECONDS);
          wakeUps.drainPermits();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        LOG.warnf("outbox relay: %s; retrying", e.getMessage());
        sleepQuietly(RETRY_MILLIS);
      }
    }
  }

  /** Sends up to one batch; returns how many messages were sent. */
  int sendBatch() {
    List<OutboxTable.Row> batch = QuarkusTransaction.requiringNew().call(() -> table.oldest(BATCH));
    if (batch.isEmpty()) {
      return 0;
    }
    // The whole batch is sent at once: waiting for each acknowledgement before the next send
    // made the broker's round trip the pace of every run.
    List<ProducerRecord<String, String>> records = new ArrayList<>(batch.size());
    for (OutboxTable.Row message : batch) {
      records.add(
          KafkaSender.record(
              message.topic(), message.key(), message.payload(), message.traceparent()));
    }
    int acknowledged = sender.sendAll(records);
    // Delete exactly what was sent: a row with a lower id may commit after this read.
    List<Long> sent = batch.subList(0, acknowledged).stream().map(OutboxTable.Row::id).toList();
    if (!sent.isEmpty()) {
      QuarkusTransaction.requiringNew().run(() -> table.delete(sent));
    }
    if (acknowledged < batch.size()) {
      throw new IllegalStateException(
          "the broker acknowledged " + acknowledged + " of " + batch.size() + " messages");
    }
    return batch.size();
  }

  /**
   * Measures the outbox for {@link OutboxGauges} once per {@code ays.outbox.metrics-interval}: a
   * query per relay cycle would double the relay's own work on the database. Before the send, so
   * that a broker outage (the send fails and the relay retries) is measured as the backlog grows.
   */
  private void measureNowAndThen() {
    long now = System.nanoTime();
    if (lastMeasured != null && now - lastMeasured < measureNanos) {
      return;
    }
    lastMeasured = now;
    try {
      OutboxTable.Backlog backlog = QuarkusTransaction.requiringNew().call(table::backlog);
      gauges.measured(backlog.count(), backlog.oldest());
    } catch (RuntimeException e) {
      // The database is away: the gauges keep the last measurement, whose age goes on growing.
      LOG.debugf("outbox not measured: %s", e.getMessage());
    }
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
