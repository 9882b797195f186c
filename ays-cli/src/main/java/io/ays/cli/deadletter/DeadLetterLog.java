package io.ays.cli.deadletter;

import io.ays.cli.CliException;
import io.ays.cli.ExitCodes;
import io.ays.cli.kafka.KafkaConnection;
import io.ays.cli.kafka.KafkaSettings;
import io.ays.contracts.CloudEvent;
import io.ays.contracts.DeadLetter;
import io.ays.contracts.EventCodec;
import io.ays.contracts.InvalidEventException;
import io.ays.contracts.KafkaBinding;
import io.ays.contracts.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The dead letters on {@code ays.dead-letter} as they are now, each with whether it was replayed:
 * both topics are read from their start to their end as it was when asked, without a consumer group
 * (nothing is committed, nothing left behind). A replay is known by the header {@value
 * #REPLAY_OF_HEADER} of the request it sent, so every operator sees every replay.
 */
public final class DeadLetterLog {

  /** The header a replayed request carries: the id of the dead letter it replays. */
  public static final String REPLAY_OF_HEADER = "ays-replay-of";

  private final KafkaConnection kafka;
  private final EventCodec codec = new EventCodec();

  public DeadLetterLog(KafkaConnection kafka) {
    this.kafka = kafka;
  }

  /** Every dead letter, oldest first, with the time of its last replay. */
  public List<StoredDeadLetter> readAll() {
    List<StoredDeadLetter> letters = new ArrayList<>();
    readToEnd(Topics.DEAD_LETTER, record -> decode(record, letters));
    Map<String, Instant> replays = replays();
    letters.replaceAll(l -> l.withReplayedAt(replays.get(l.id())));
    letters.sort(
        (a, b) ->
            a.time().equals(b.time()) ? a.id().compareTo(b.id()) : a.time().compareTo(b.time()));
    return letters;
  }

  /** Dead letter id to the time of its last replay, from the replayed requests' headers. */
  private Map<String, Instant> replays() {
    Map<String, Instant> replays = new HashMap<>();
    readToEnd(
        Topics.REQUESTS,
        record -> {
          Header header = record.headers().lastHeader(REPLAY_OF_HEADER);
          if (header != null && header.value() != null) {
            replays.merge(
                new String(header.value(), StandardCharsets.UTF_8),
                Instant.ofEpochMilli(record.timestamp()),
                (a, b) -> a.isAfter(b) ? a : b);
          }
        });
    return replays;
  }

  private void decode(ConsumerRecord<byte[], byte[]> record, List<StoredDeadLetter> into) {
    if (record.value() == null) {
      return;
    }
    Map<String, byte[]> headers = new HashMap<>();
    record.headers().forEach(h -> headers.put(h.key(), h.value()));
    try {
      String json =
          KafkaBinding.toStructured(headers, new String(record.value(), StandardCharsets.UTF_8));
      CloudEvent<?> event = codec.decode(json);
      if (event.data() instanceof DeadLetter letter) {
        into.add(
            new StoredDeadLetter(
                event.id(), record.partition(), record.offset(), event.time(), letter, null));
      }
    } catch (InvalidEventException e) {
      // Not a dead letter AYS wrote: nothing to show or replay.
    }
  }

  private void readToEnd(String topic, Consumer<ConsumerRecord<byte[], byte[]>> each) {
    Map<String, Object> config = KafkaSettings.consumer(kafka);
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
      List<PartitionInfo> infos = consumer.partitionsFor(topic, KafkaSettings.ANSWER_TIMEOUT);
      if (infos == null || infos.isEmpty()) {
        throw new CliException(
            ExitCodes.UNREACHABLE,
            "Kafka at "
                + kafka.bootstrap()
                + " has no topic "
                + topic
                + "; is this AYS's Kafka, and is AYS up (./ays up creates the topics)?");
      }
      List<TopicPartition> partitions =
          infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          if (record.offset() < ends.get(new TopicPartition(topic, record.partition()))) {
            each.accept(record);
          }
        }
      }
    } catch (org.apache.kafka.common.errors.TimeoutException e) {
      throw CliException.unreachable("Kafka", kafka.bootstrap(), KafkaSettings.hint(), e);
    } catch (org.apache.kafka.common.errors.AuthorizationException e) {
      throw new CliException(
          ExitCodes.FAILED,
          "Kafka refused to let this principal read "
              + topic
              + " ("
              + e.getMessage()
              + "); dead letters need the operator's credentials (docs/security.md, \"Kafka\")");
    } catch (KafkaException e) {
      throw CliException.unreachable("Kafka", kafka.bootstrap(), KafkaSettings.hint(), e);
    }
  }
}
