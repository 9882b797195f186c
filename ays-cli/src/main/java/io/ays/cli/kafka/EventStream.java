package io.ays.cli.kafka;

import io.ays.cli.CliException;
import io.ays.cli.ExitCodes;
import io.ays.contracts.EventCodec;
import io.ays.contracts.InvalidEventException;
import io.ays.contracts.KafkaBinding;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Reads AYS events from some topics, starting at the end as it is when the stream opens. The
 * position is fixed at once, before anything is sent, so a request's first events are never missed
 * however fast the coordinator answers.
 */
public final class EventStream implements AutoCloseable {

  /** How long a missing topic may take to appear (it is created on first use). */
  private static final Duration TOPIC_WAIT = Duration.ofSeconds(10);

  private final KafkaConsumer<String, String> consumer;
  private final EventCodec codec = new EventCodec();

  private EventStream(KafkaConsumer<String, String> consumer) {
    this.consumer = consumer;
  }

  /** Opens a stream of what is written to {@code topics} from now on (the default credentials). */
  public static EventStream fromNow(String bootstrap, List<String> topics) {
    return fromNow(new KafkaConnection(bootstrap, null), topics);
  }

  /** Opens a stream of what is written to {@code topics} from now on. */
  public static EventStream fromNow(KafkaConnection kafka, List<String> topics) {
    String bootstrap = kafka.bootstrap();
    KafkaConsumer<String, String> consumer;
    try {
      consumer = new KafkaConsumer<>(KafkaSettings.consumer(kafka));
    } catch (KafkaException e) {
      throw CliException.unreachable("Kafka", bootstrap, KafkaSettings.hint(), e);
    }
    try {
      List<TopicPartition> partitions = new ArrayList<>();
      for (String topic : topics) {
        partitions.addAll(partitionsOf(consumer, bootstrap, topic));
      }
      consumer.assign(partitions);
      consumer.seekToEnd(partitions);
      // seekToEnd is lazy: asking the position now pins "the end" to this moment.
      partitions.forEach(consumer::position);
      return new EventStream(consumer);
    } catch (org.apache.kafka.common.errors.TimeoutException e) {
      consumer.close(Duration.ZERO);
      throw CliException.unreachable("Kafka", bootstrap, KafkaSettings.hint(), e);
    } catch (RuntimeException e) {
      consumer.close(Duration.ZERO);
      throw e;
    }
  }

  private static List<TopicPartition> partitionsOf(
      KafkaConsumer<String, String> consumer, String bootstrap, String topic) {
    long deadline = System.nanoTime() + TOPIC_WAIT.toNanos();
    while (true) {
      List<PartitionInfo> infos = consumer.partitionsFor(topic, KafkaSettings.ANSWER_TIMEOUT);
      if (infos != null && !infos.isEmpty()) {
        return infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      }
      if (System.nanoTime() > deadline) {
        throw new CliException(
            ExitCodes.UNREACHABLE,
            "Kafka at "
                + bootstrap
                + " has no topic "
                + topic
                + "; is this AYS's Kafka, and is AYS up (./ays up creates the topics)?");
      }
      sleep(250);
    }
  }

  /** What arrived within {@code timeout} (possibly nothing). */
  public List<ReceivedEvent> poll(Duration timeout) {
    List<ReceivedEvent> received = new ArrayList<>();
    try {
      for (ConsumerRecord<String, String> record : consumer.poll(timeout)) {
        received.add(decode(record));
      }
    } catch (WakeupException e) {
      // close() from another thread (Ctrl-C): return what there is
    }
    return received;
  }

  private ReceivedEvent decode(ConsumerRecord<String, String> record) {
    if (record.value() == null) {
      return new ReceivedEvent(record.topic(), record.key(), null, null, "tombstone");
    }
    try {
      Map<String, byte[]> headers = new HashMap<>();
      record.headers().forEach(header -> headers.put(header.key(), header.value()));
      String json = KafkaBinding.toStructured(headers, record.value());
      return new ReceivedEvent(record.topic(), record.key(), json, codec.decode(json), null);
    } catch (InvalidEventException e) {
      return new ReceivedEvent(record.topic(), record.key(), record.value(), null, e.getMessage());
    }
  }

  /** Makes a blocked {@link #poll} return; safe from another thread. */
  public void wakeup() {
    consumer.wakeup();
  }

  @Override
  public void close() {
    consumer.close(Duration.ofSeconds(1));
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException(ExitCodes.FAILED, "interrupted");
    }
  }
}
