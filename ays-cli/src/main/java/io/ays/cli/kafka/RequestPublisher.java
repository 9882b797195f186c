package io.ays.cli.kafka;

import io.ays.cli.CliException;
import io.ays.cli.ExitCodes;
import io.ays.contracts.CloudEvent;
import io.ays.contracts.EventCodec;
import io.ays.contracts.KafkaBinding;
import io.ays.contracts.ServiceRequest;
import io.ays.contracts.Topics;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;

/** Sends one request on {@code ays.requests}, keyed by its instance key, and waits for the ack. */
public final class RequestPublisher {

  private final KafkaConnection kafka;
  private final EventCodec codec = new EventCodec();

  public RequestPublisher(KafkaConnection kafka) {
    this.kafka = kafka;
  }

  public void publish(CloudEvent<ServiceRequest> request) {
    String json = codec.encode(request);
    KafkaProducer<String, String> producer;
    try {
      producer = new KafkaProducer<>(KafkaSettings.producer(kafka));
    } catch (KafkaException e) {
      throw CliException.unreachable("Kafka", kafka.bootstrap(), KafkaSettings.hint(), e);
    }
    try {
      ProducerRecord<String, String> record =
          new ProducerRecord<>(Topics.REQUESTS, request.kafkaKey(), json);
      // Structured mode of the CloudEvents Kafka binding, as the services write it.
      record.headers().add(KafkaBinding.CONTENT_TYPE_HEADER, KafkaBinding.structuredContentType());
      producer.send(record).get(KafkaSettings.ANSWER_TIMEOUT.toMillis() * 3, TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException | KafkaException e) {
      throw CliException.unreachable("Kafka", kafka.bootstrap(), KafkaSettings.hint(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException(ExitCodes.FAILED, "interrupted while sending the request");
    } finally {
      producer.close(Duration.ofSeconds(2));
    }
  }
}
