package io.ays.cli.follow;

import static org.assertj.core.api.Assertions.assertThat;

import io.ays.cli.kafka.EventStream;
import io.ays.contracts.CloudEvent;
import io.ays.contracts.EventCodec;
import io.ays.contracts.Phase;
import io.ays.contracts.StepOutcome;
import io.ays.contracts.Topics;
import io.ays.testing.KafkaBroker;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The follower on a real broker: it reads from the moment the stream opened (not before), over
 * several partitions, skips what is not an AYS event or not of its request, and stops at the end.
 */
class RunFollowerKafkaTest {

  private static final String KEY = "e2e/hello-http/main";

  private static KafkaBroker kafka;
  private static KafkaProducer<String, String> producer;
  private final EventCodec codec = new EventCodec();

  @BeforeAll
  static void startKafka() throws Exception {
    kafka = KafkaBroker.start();
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(Topics.SERVICE_EVENTS, 3, (short) 1))).all().get();
    }
    producer =
        new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
            new StringSerializer(),
            new StringSerializer());
  }

  @AfterAll
  static void stopKafka() {
    if (producer != null) {
      producer.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void followsARequestFromWhenTheStreamOpenedToItsEnd() throws Exception {
    Events events = new Events();
    UUID before = UUID.randomUUID();
    send(events.accepted(before, KEY, Phase.INIT));

    try (EventStream stream =
        EventStream.fromNow(kafka.bootstrapServers(), List.of(Topics.SERVICE_EVENTS))) {
      UUID run = UUID.randomUUID();
      producer.send(new ProducerRecord<>(Topics.SERVICE_EVENTS, KEY, "not json")).get();
      send(new Events().accepted(UUID.randomUUID(), "e2e/other/main", Phase.INIT));
      send(events.accepted(run, KEY, Phase.INIT, Phase.START));
      send(events.finished(run, KEY, 0, Phase.INIT, StepOutcome.SUCCEEDED, null, false));
      send(events.finished(run, KEY, 1, Phase.START, StepOutcome.SUCCEEDED, null, false));
      send(events.runSucceeded(run, KEY));

      StringWriter text = new StringWriter();
      RunTracker tracker =
          new RunTracker(events.requestId, new TextProgress(new PrintWriter(text)));
      boolean over =
          new RunFollower(stream, id -> Optional.of(1), new PrintWriter(new StringWriter()))
              .follow(tracker, Duration.ofSeconds(60));

      assertThat(over).isTrue();
      assertThat(tracker.succeeded()).isTrue();
      assertThat(tracker.runs()).extracting(TrackedRun::runId).containsExactly(run);
      assertThat(text.toString())
          .contains("[2/2] e2e/hello-http/main: start SUCCEEDED")
          .contains("e2e/hello-http/main: install SUCCEEDED");
    }
  }

  @Test
  void givesUpAtTheTimeoutWhileTheRunGoesOn() {
    Events events = new Events();
    try (EventStream stream =
        EventStream.fromNow(kafka.bootstrapServers(), List.of(Topics.SERVICE_EVENTS))) {
      RunTracker tracker = new RunTracker(events.requestId, RunProgress.silent());
      boolean over =
          new RunFollower(stream, id -> Optional.empty(), new PrintWriter(new StringWriter()))
              .follow(tracker, Duration.ofSeconds(1));
      assertThat(over).isFalse();
      assertThat(tracker.done()).isFalse();
    }
  }

  private void send(CloudEvent<?> event) throws Exception {
    producer
        .send(new ProducerRecord<>(Topics.SERVICE_EVENTS, event.kafkaKey(), codec.encode(event)))
        .get();
  }
}
