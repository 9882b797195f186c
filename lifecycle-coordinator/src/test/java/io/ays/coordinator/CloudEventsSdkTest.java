package io.ays.coordinator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ays.contracts.KafkaBinding;
import io.ays.contracts.Topics;
import io.ays.testing.KafkaBroker;
import io.ays.testing.KafkaTestResource;
import io.ays.testing.PostgresTestResource;
import io.ays.testing.TestTokens;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.message.Encoding;
import io.cloudevents.jackson.JsonFormat;
import io.cloudevents.kafka.CloudEventDeserializer;
import io.cloudevents.kafka.CloudEventSerializer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Interoperability with the CloudEvents SDK for Java (io.cloudevents), as a user's own producer or
 * dashboard would use it, through a real broker: an install request written by the SDK, in binary
 * mode (its default) or in structured mode, is taken by the coordinator, and what the coordinator
 * writes back is read by the SDK's Kafka deserializer.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class CloudEventsSdkTest {

  private static final String SERVICE_HRD =
      "process.1 =\n    cmd:'python3',\n    args:'-m http.server $(instance.param.port)',\n";
  private static final String INSTANCE_HRD = "param.port = @ASK type:int default:8080\n";
  private static final ObjectMapper JSON = new ObjectMapper();

  KafkaBroker broker;

  /** A node of this class's own, so no other test class reads the commands it causes. */
  private final String node = "sdk-" + FlowHelpers.shortId();

  @BeforeAll
  static void callAsAdmin() {
    TestTokens.authenticateRestAssured();
  }

  @BeforeEach
  void nodeIsAlive() {
    Heartbeats.send(broker.bootstrapServers(), node);
  }

  @Test
  void aBinaryModeInstallRequestFromTheSdkIsTakenAndItsCommandsReadByTheSdk() throws Exception {
    aRequestFromTheSdkIsTaken(Encoding.BINARY);
  }

  @Test
  void aStructuredModeInstallRequestFromTheSdkIsTakenAndItsCommandsReadByTheSdk() throws Exception {
    aRequestFromTheSdkIsTaken(Encoding.STRUCTURED);
  }

  private void aRequestFromTheSdkIsTaken(Encoding encoding) throws Exception {
    String name = "sdk-" + FlowHelpers.shortId();
    FlowHelpers.publishTemplate(broker.bootstrapServers(), "demo", name, SERVICE_HRD, INSTANCE_HRD);
    awaitPlannable("demo", name);
    String commandTopic = Topics.COMMANDS_PREFIX + node;
    try (KafkaConsumer<String, CloudEvent> commands = sdkConsumer(commandTopic)) {
      String requestId = UUID.randomUUID().toString();
      sendWithSdk(encoding, installRequest(requestId, name));

      CloudEvent command = firstFor(commands, "demo/" + name + "/main");
      assertThat(command.getType()).isEqualTo("ays.command.phase.v1");
      assertThat(command.getSource().toString()).isEqualTo("/ays/lifecycle-coordinator");
      // The command continues the request's chain: a dashboard links the two by this attribute.
      assertThat(command.getExtension("correlationid")).isEqualTo(requestId);
      JsonNode data = JSON.readTree(command.getData().toBytes());
      assertThat(data.path("instanceKey").asText()).isEqualTo("demo/" + name + "/main");
    }
  }

  @Test
  void everyRecordTheCoordinatorWritesIsAStructuredCloudEventTheSdkReads() throws Exception {
    String name = "sdk-" + FlowHelpers.shortId();
    FlowHelpers.publishTemplate(broker.bootstrapServers(), "demo", name, SERVICE_HRD, INSTANCE_HRD);
    awaitPlannable("demo", name);
    sendWithSdk(Encoding.BINARY, installRequest(UUID.randomUUID().toString(), name));
    // An answer the template does not ask: rejected, so the service events carry a rejection too.
    sendWithSdk(
        Encoding.BINARY,
        request(
            UUID.randomUUID().toString(),
            "{\"domain\":\"demo\",\"name\":\""
                + name
                + "\",\"instance\":\"bad\","
                + "\"answers\":{\"param.nosuch\":1}}"));

    List<String> topics = List.of(Topics.COMMANDS_PREFIX + node, Topics.SERVICE_EVENTS);
    Map<String, Integer> readByType = new HashMap<>();
    FlowHelpers.await(
        () -> {
          readByType.clear();
          for (ConsumerRecord<String, String> record : coordinatorRecords(topics)) {
            Header contentType = record.headers().lastHeader(KafkaBinding.CONTENT_TYPE_HEADER);
            assertThat(contentType)
                .as("content-type header of %s on %s", record.value(), record.topic())
                .isNotNull();
            assertThat(new String(contentType.value(), StandardCharsets.UTF_8))
                .isEqualTo(KafkaBinding.STRUCTURED_CONTENT_TYPE);
            CloudEvent event =
                new CloudEventDeserializer()
                    .deserialize(
                        record.topic(),
                        record.headers(),
                        record.value().getBytes(StandardCharsets.UTF_8));
            readByType.merge(event.getType(), 1, Integer::sum);
          }
          return readByType.containsKey("ays.command.phase.v1")
              && readByType.containsKey("ays.request.rejected.v1");
        },
        "the coordinator's commands and a rejection never reached the topics");
    assertThat(readByType.keySet()).contains("ays.run.accepted.v1", "ays.request.rejected.v1");
  }

  private String installRequest(String id, String name) {
    return request(
        id,
        "{\"domain\":\"demo\",\"name\":\""
            + name
            + "\",\"node\":\""
            + node
            + "\","
            + "\"answers\":{\"param.port\":9191}}");
  }

  private static String request(String id, String data) {
    return id + "\n" + data;
  }

  /** Sends {@code idAndData} ("id\ndata") as an install request made with the SDK's builder. */
  private void sendWithSdk(Encoding encoding, String idAndData) throws Exception {
    String[] parts = idAndData.split("\n", 2);
    CloudEvent event =
        CloudEventBuilder.v1()
            .withId(parts[0])
            .withSource(URI.create("/sdk-test"))
            .withType("ays.request.install.v1")
            .withTime(OffsetDateTime.now())
            .withDataContentType("application/json")
            .withData(parts[1].getBytes(StandardCharsets.UTF_8))
            .build();
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    config.put(CloudEventSerializer.ENCODING_CONFIG, encoding.name());
    config.put(CloudEventSerializer.EVENT_FORMAT_CONFIG, JsonFormat.CONTENT_TYPE);
    try (KafkaProducer<String, CloudEvent> producer =
        new KafkaProducer<>(config, new StringSerializer(), new CloudEventSerializer())) {
      producer.send(new ProducerRecord<>(Topics.REQUESTS, parts[0], event)).get();
    }
  }

  private KafkaConsumer<String, CloudEvent> sdkConsumer(String topic) {
    KafkaConsumer<String, CloudEvent> consumer =
        new KafkaConsumer<>(
            consumerConfig(), new StringDeserializer(), new CloudEventDeserializer());
    consumer.subscribe(List.of(topic));
    return consumer;
  }

  /** The records on {@code topics} that AYS services wrote (the test's own carry no header). */
  private List<ConsumerRecord<String, String>> coordinatorRecords(List<String> topics) {
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(consumerConfig(), new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(topics);
      long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
          if (record.value() != null && record.value().contains("\"/ays/lifecycle-coordinator\"")) {
            records.add(record);
          }
        }
      }
    }
    return records;
  }

  private Map<String, Object> consumerConfig() {
    return Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
        broker.bootstrapServers(),
        ConsumerConfig.GROUP_ID_CONFIG,
        "sdk-test-" + UUID.randomUUID(),
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
        "earliest");
  }

  private static CloudEvent firstFor(KafkaConsumer<String, CloudEvent> consumer, String key) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      for (ConsumerRecord<String, CloudEvent> record : consumer.poll(Duration.ofMillis(200))) {
        if (key.equals(record.key())) {
          return record.value();
        }
      }
    }
    throw new AssertionError("no command for " + key + " within 30 s");
  }

  private static void awaitPlannable(String domain, String name) {
    FlowHelpers.await(
        () ->
            given()
                    .contentType("application/json")
                    .body("{\"domain\":\"" + domain + "\",\"name\":\"" + name + "\"}")
                    .post("/requests/install?dryRun=true")
                    .statusCode()
                == 200,
        "template " + domain + "/" + name + " never reached the coordinator");
  }
}
