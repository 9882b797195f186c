package io.ays.cli.deadletter;

import io.ays.cli.CliException;
import io.ays.cli.ExitCodes;
import io.ays.cli.kafka.KafkaConnection;
import io.ays.cli.kafka.KafkaSettings;
import io.ays.contracts.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;

/**
 * Sends dead letters' original messages again, each to its original topic with its original key,
 * headers and text, plus the header {@value DeadLetterLog#REPLAY_OF_HEADER} naming the dead letter.
 * The envelope is the original's, id included: a consumer that did handle it meanwhile knows it and
 * skips it.
 */
public final class DeadLetterReplayer implements AutoCloseable {

  private final KafkaConnection kafka;
  private final KafkaProducer<String, String> producer;

  public DeadLetterReplayer(KafkaConnection kafka) {
    this.kafka = kafka;
    try {
      producer = new KafkaProducer<>(KafkaSettings.producer(kafka));
    } catch (KafkaException e) {
      throw CliException.unreachable("Kafka", kafka.bootstrap(), KafkaSettings.hint(), e);
    }
  }

  /** Sends {@code stored}'s original again and waits for the broker's acknowledgement. */
  public void replay(StoredDeadLetter stored) {
    DeadLetter letter = stored.letter();
    ProducerRecord<String, String> record =
        new ProducerRecord<>(letter.originalTopic(), letter.originalKey(), letter.payload());
    for (Map.Entry<String, String> header : letter.originalHeaders().entrySet()) {
      if (!header.getKey().equals(DeadLetterLog.REPLAY_OF_HEADER)) {
        record.headers().add(header.getKey(), header.getValue().getBytes(StandardCharsets.UTF_8));
      }
    }
    record
        .headers()
        .add(DeadLetterLog.REPLAY_OF_HEADER, stored.id().getBytes(StandardCharsets.UTF_8));
    try {
      producer.send(record).get(KafkaSettings.ANSWER_TIMEOUT.toMillis() * 3, TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException | KafkaException e) {
      throw CliException.unreachable("Kafka", kafka.bootstrap(), KafkaSettings.hint(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException(ExitCodes.FAILED, "interrupted while replaying " + stored.id());
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(2));
  }
}
