package io.ays.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ays.contracts.Channel;
import io.ays.contracts.CloudEvent;
import io.ays.contracts.DeadLetter;
import io.ays.contracts.EventCodec;
import io.ays.contracts.EventType;
import io.ays.contracts.RequestRejected;
import io.ays.contracts.Topics;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionalException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * What every service relies on from this module, on a real PostgreSQL and a real Kafka broker: a
 * message stored in the outbox is sent once its transaction commits and never if it rolls back; a
 * redelivered message has no second effect; a message that cannot be read or handled goes to the
 * dead-letter topic with the reason (a request's sender is told why) and the handler's work is
 * undone.
 */
@QuarkusTest
@QuarkusTestResource(MessagingInfrastructure.class)
class OutboxAndInboundGateTest {

  // Generous: a broker and a database share two cores with other builds.
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String CONSUMER = "gate-test";

  @Inject Outbox outbox;
  @Inject InboundGate gate;
  @Inject ProcessedMessages processed;
  @Inject Topics topics;
  @Inject EventCodec codec;

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrapServers;

  @Test
  void messagesOfACommittedTransactionAreSentInTheirOrder() {
    String topic = freshTopic();
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              outbox.enqueue(topic, "k", "first");
              outbox.enqueue(topic, "k", "second");
            });

    List<ConsumerRecord<String, String>> sent = readUntil(topic, r -> r.value().equals("second"));
    assertThat(sent).extracting(ConsumerRecord::value).containsExactly("first", "second");
    assertThat(sent).extracting(ConsumerRecord::key).containsOnly("k");
  }

  @Test
  void aMessageOfARolledBackTransactionIsNeverSent() {
    String topic = freshTopic();
    assertThatThrownBy(
            () ->
                QuarkusTransaction.requiringNew()
                    .run(
                        () -> {
                          outbox.enqueue(topic, "k", "rolled back");
                          throw new IllegalStateException("the state change failed");
                        }))
        .hasMessageContaining("the state change failed");
    QuarkusTransaction.requiringNew().run(() -> outbox.enqueue(topic, "k", "committed"));

    // The relay sends oldest first: a stored "rolled back" would arrive before "committed".
    assertThat(readUntil(topic, r -> r.value().equals("committed")))
        .extracting(ConsumerRecord::value)
        .containsExactly("committed");
  }

  @Test
  void theOutboxRefusesAMessageOutsideATransaction() {
    // Outside a transaction a message could be sent for a state change that never commits.
    assertThatThrownBy(() -> outbox.enqueue(freshTopic(), "k", "v"))
        .isInstanceOf(TransactionalException.class);
  }

  @Test
  void aRedeliveredMessageIsHandledOncePerConsumer() {
    String id = UUID.randomUUID().toString();
    ConsumerRecord<String, String> record = deliver(instanceKey(), installRequest(id));
    AtomicInteger handled = new AtomicInteger();

    gate.handle(record, Channel.REQUESTS, CONSUMER, event -> handled.incrementAndGet());
    gate.handle(record, Channel.REQUESTS, CONSUMER, event -> handled.incrementAndGet());
    assertThat(handled).hasValue(1);
    assertThat(processed.isProcessed(CONSUMER, id)).isTrue();

    // Another consumer of the same message keeps its own record.
    gate.handle(record, Channel.REQUESTS, "another-consumer", event -> handled.incrementAndGet());
    assertThat(handled).hasValue(2);
  }

  @Test
  void markProcessedSaysWhetherTheIdIsNew() {
    String id = UUID.randomUUID().toString();
    assertThat(QuarkusTransaction.requiringNew().call(() -> processed.markProcessed(CONSUMER, id)))
        .isTrue();
    assertThat(QuarkusTransaction.requiringNew().call(() -> processed.markProcessed(CONSUMER, id)))
        .isFalse();
    assertThat(processed.forgetBefore(Instant.now().plusSeconds(60))).isPositive();
    assertThat(processed.isProcessed(CONSUMER, id)).isFalse();
  }

  @Test
  void anUnreadableRequestIsDeadLetteredAndItsSenderToldWhy() {
    String key = instanceKey();
    ConsumerRecord<String, String> record = deliver(key, "{not json");
    AtomicInteger handled = new AtomicInteger();

    gate.handle(record, Channel.REQUESTS, CONSUMER, event -> handled.incrementAndGet());

    assertThat(handled).hasValue(0);
    DeadLetter letter = deadLetterFor(key);
    assertThat(letter.originalTopic()).isEqualTo(record.topic());
    assertThat(letter.offset()).isEqualTo(record.offset());
    assertThat(letter.consumer()).isEqualTo(CONSUMER);
    assertThat(letter.reason()).isNotBlank();
    // A request that cannot be read might hold answers (secrets): its text is not kept.
    assertThat(letter.payload()).contains("not kept").doesNotContain("{not json");
    RequestRejected rejected = rejectionFor(key);
    assertThat(rejected.reason()).startsWith("request refused: ").contains(letter.reason());
  }

  @Test
  void aFailedHandlerIsUndoneAndItsMessageDeadLettered() {
    String key = instanceKey();
    String id = UUID.randomUUID().toString();
    String effects = freshTopic();
    ConsumerRecord<String, String> record = deliver(key, installRequest(id));

    gate.handle(
        record,
        Channel.REQUESTS,
        CONSUMER,
        event -> {
          outbox.enqueue(effects, key, "effect of a failed handler");
          throw new IllegalStateException("the handler broke");
        });

    DeadLetter letter = deadLetterFor(key);
    assertThat(letter.reason()).contains("could not be processed").contains("the handler broke");
    assertThat(letter.originalId()).isEqualTo(id);
    // Rolled back with the handler: not marked processed, its outbox message never sent.
    assertThat(processed.isProcessed(CONSUMER, id)).isFalse();
    QuarkusTransaction.requiringNew().run(() -> outbox.enqueue(effects, key, "later"));
    assertThat(readUntil(effects, r -> r.value().equals("later")))
        .extracting(ConsumerRecord::value)
        .containsExactly("later");
  }

  @Test
  void aMessageOverTheSizeLimitIsDeadLetteredUnread() {
    String key = instanceKey();
    String huge = "x".repeat(codec.maxMessageBytes() + 1);
    ConsumerRecord<String, String> record =
        new ConsumerRecord<>(topics.requests(), 0, 0L, key, huge);
    AtomicInteger handled = new AtomicInteger();

    gate.handle(record, Channel.REQUESTS, CONSUMER, event -> handled.incrementAndGet());

    assertThat(handled).hasValue(0);
    DeadLetter letter = deadLetterFor(key);
    assertThat(letter.reason())
        .contains("over the limit of " + codec.maxMessageBytes())
        .contains(InboundGate.MAX_MESSAGE_BYTES);
    assertThat(letter.payload()).as("too large to keep whole: not kept").isEmpty();
  }

  // --- helpers

  private static String freshTopic() {
    return "test.outbox." + UUID.randomUUID();
  }

  private static String instanceKey() {
    return "examples/hello-" + UUID.randomUUID().toString().substring(0, 8) + "/main";
  }

  /** An install request as a user sends it (README.md, "Your first install"). */
  private static String installRequest(String id) {
    return "{\"specversion\":\"1.0\",\"id\":\""
        + id
        + "\",\"source\":\"/me/test\",\"type\":\"ays.request.install.v1\",\"time\":\""
        + Instant.now()
        + "\",\"datacontenttype\":\"application/json\",\"data\":{\"domain\":\"examples\","
        + "\"name\":\"hello-http\",\"answers\":{\"param.port\":8090}}}";
  }

  /** Sends {@code value} to the requests topic and reads it back as a consumer gets it. */
  private ConsumerRecord<String, String> deliver(String key, String value) {
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class))) {
      producer.send(new ProducerRecord<>(topics.requests(), key, value)).get();
    } catch (Exception e) {
      throw new IllegalStateException("could not send the test message: " + e, e);
    }
    List<ConsumerRecord<String, String>> records =
        readUntil(topics.requests(), r -> key.equals(r.key()));
    return records.get(records.size() - 1);
  }

  private DeadLetter deadLetterFor(String key) {
    List<ConsumerRecord<String, String>> records =
        readUntil(topics.deadLetter(), r -> key.equals(r.key()));
    CloudEvent<?> event = codec.decode(records.get(records.size() - 1).value());
    assertThat(event.type()).isEqualTo(EventType.DEAD_LETTER);
    return (DeadLetter) event.data();
  }

  private RequestRejected rejectionFor(String key) {
    List<ConsumerRecord<String, String>> records =
        readUntil(topics.serviceEvents(), r -> key.equals(r.key()));
    CloudEvent<?> event = codec.decode(records.get(records.size() - 1).value());
    assertThat(event.type()).isEqualTo(EventType.REQUEST_REJECTED);
    return (RequestRejected) event.data();
  }

  /**
   * Reads {@code topic} from its start until a record matches {@code last}; returns the records up
   * to it, oldest first. Fails after {@link #WAIT} without one.
   */
  private List<ConsumerRecord<String, String>> readUntil(
      String topic, Predicate<ConsumerRecord<String, String>> last) {
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers,
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
            StringDeserializer.class,
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
            StringDeserializer.class,
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false);
    List<ConsumerRecord<String, String>> read = new ArrayList<>();
    Instant deadline = Instant.now().plus(WAIT);
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
      TopicPartition partition = new TopicPartition(topic, 0);
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      while (Instant.now().isBefore(deadline)) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
          read.add(record);
          if (last.test(record)) {
            return read;
          }
        }
      }
    }
    throw new AssertionError(
        "no matching record on " + topic + " within " + WAIT + "; read " + read);
  }
}
