package io.ays.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EventCodecTest {

  private static final ObjectMapper MAPPER = EventJson.newObjectMapper();

  private final EventCodec codec = new EventCodec();

  @ParameterizedTest
  @EnumSource(EventType.class)
  void roundTripsEveryEventType(EventType type) {
    CloudEvent<?> event = Examples.eventOf(type);

    CloudEvent<?> decoded = codec.decode(codec.encode(event));

    assertThat(decoded).isEqualTo(event);
    assertThat(decoded.type()).isSameAs(type);
    assertThat(decoded.data()).isInstanceOf(type.payloadClass());
  }

  @ParameterizedTest
  @EnumSource(EventType.class)
  void roundTripsFromKafkaBytes(EventType type) {
    CloudEvent<?> event = Examples.eventOf(type);

    byte[] bytes = codec.encode(event).getBytes(StandardCharsets.UTF_8);

    assertThat(codec.decode(bytes)).isEqualTo(event);
  }

  @Test
  void writesTheCloudEventsAttributesAndOmitsAbsentOnes() throws Exception {
    CloudEvent<?> event = Examples.eventOf(EventType.REQUEST_START);

    ObjectNode json = (ObjectNode) MAPPER.readTree(codec.encode(event));

    assertThat(json.get("specversion").asText()).isEqualTo("1.0");
    assertThat(json.get("datacontenttype").asText()).isEqualTo("application/json");
    assertThat(json.get("subject").asText()).isEqualTo("_ays/mongodb/main");
    assertThat(json.get("time").asText()).isEqualTo("2025-05-01T10:15:30Z");
    assertThat(json.get("correlationid").asText()).isEqualTo(event.id());
    assertThat(json.has("causationid")).isFalse();
    assertThat(json.get("data").has("node")).isFalse();
  }

  @Test
  void rejectsMalformedJsonWithLineAndColumn() {
    assertThatThrownBy(() -> codec.decode("{\n  \"id\": oops}"))
        .isInstanceOf(InvalidEventException.class)
        .hasMessageStartingWith("not JSON at line 2 column");
  }

  @Test
  void rejectsTrailingGarbageAndDuplicateFields() {
    String event = codec.encode(Examples.eventOf(EventType.REQUEST_STOP));

    assertThatThrownBy(() -> codec.decode(event + " {}"))
        .isInstanceOf(InvalidEventException.class)
        .hasMessageStartingWith("not JSON");
    assertThatThrownBy(
            () -> codec.decode(event.replace("{\"specversion\"", "{\"id\":\"x\",\"specversion\"")))
        .isInstanceOf(InvalidEventException.class)
        .hasMessageContaining("Duplicate field 'id'");
  }

  @Test
  void rejectsSomethingThatIsNotAnObject() {
    assertThatThrownBy(() -> codec.decode("[1, 2]"))
        .isInstanceOf(InvalidEventException.class)
        .hasMessage("not a JSON object but array");
    assertThatThrownBy(() -> codec.decode("   "))
        .isInstanceOf(InvalidEventException.class)
        .hasMessage("empty message");
  }

  @Test
  void rejectsAnUnknownTypeNamingItAndSuggestingTheNearest() {
    String json =
        codec
            .encode(Examples.eventOf(EventType.REQUEST_INSTALL))
            .replace("ays.request.install.v1", "ays.request.instal.v1");

    assertThatThrownBy(() -> codec.decode(json))
        .isInstanceOfSatisfying(
            InvalidEventException.class,
            e -> {
              assertThat(e.field()).isEqualTo("type");
              assertThat(e.eventType()).isEqualTo("ays.request.instal.v1");
              assertThat(e.eventId()).isNotBlank();
            })
        .hasMessage(
            "type: unknown event type 'ays.request.instal.v1'; did you mean"
                + " 'ays.request.install.v1'?");
  }

  @Test
  void rejectsAMissingRequiredDataFieldNamingIt() {
    ObjectNode json = encoded(EventType.REQUEST_INSTALL);
    ((ObjectNode) json.get("data")).remove("domain");
    json.remove("subject");

    assertThatThrownBy(() -> codec.decode(json.toString()))
        .isInstanceOfSatisfying(
            InvalidEventException.class, e -> assertThat(e.field()).isEqualTo("data.domain"))
        .hasMessage("data.domain: required");
  }

  @Test
  void rejectsMissingEnvelopeAttributesNamingThem() {
    for (String attribute : new String[] {"specversion", "id", "source", "type", "time", "data"}) {
      ObjectNode json = encoded(EventType.HEALTH_REPORT);
      json.remove(attribute);

      assertThatThrownBy(() -> codec.decode(json.toString()))
          .isInstanceOf(InvalidEventException.class)
          .hasMessage(attribute + ": required");
    }
  }

  @Test
  void rejectsAnotherSpecVersionAndABinaryPayload() {
    ObjectNode json = encoded(EventType.HEALTH_REPORT);
    json.put("specversion", "0.3");
    assertThatThrownBy(() -> codec.decode(json.toString()))
        .hasMessage("specversion: '0.3' is not supported; expected 1.0");

    ObjectNode binary = encoded(EventType.HEALTH_REPORT);
    binary.put("data_base64", "e30=");
    assertThatThrownBy(() -> codec.decode(binary.toString()))
        .hasMessageStartingWith("data_base64: not supported");
  }

  @Test
  void rejectsATimeWithoutOffsetButAcceptsAnyOffset() {
    ObjectNode json = encoded(EventType.HEALTH_REPORT);
    json.put("time", "2025-05-01 10:15:30");
    assertThatThrownBy(() -> codec.decode(json.toString()))
        .hasMessageStartingWith("time: '2025-05-01 10:15:30' is not an RFC 3339 time");

    json.put("time", "2025-05-01T12:15:30+02:00");
    assertThat(codec.decode(json.toString()).time())
        .isEqualTo(Instant.parse("2025-05-01T10:15:30Z"));
  }

  @Test
  void namesTheFieldOfAValueOfTheWrongKind() {
    ObjectNode json = encoded(EventType.COMMAND_PHASE);
    ((ObjectNode) json.get("data")).put("attempt", "2");
    assertThatThrownBy(() -> codec.decode(json.toString()))
        .hasMessage("data.attempt: expected an integer");

    ((ObjectNode) json.get("data")).put("attempt", 0);
    assertThatThrownBy(() -> codec.decode(json.toString()))
        .hasMessage("data.attempt: must be at least 1, was 0");
  }

  @Test
  void namesTheFieldAndTheChoicesOfABadEnumValue() {
    ObjectNode json = encoded(EventType.COMMAND_PHASE);
    ((ObjectNode) json.get("data")).put("phase", "chek_up");
    assertThatThrownBy(() -> codec.decode(json.toString()))
        .hasMessageStartingWith(
            "data.phase: unknown phase 'chek_up'; expected one of init, prepare,");

    ((ObjectNode) json.get("data")).put("phase", "check_up");
    ((ObjectNode) json.get("data")).put("role", "BOSS");
    assertThatThrownBy(() -> codec.decode(json.toString()))
        .hasMessage("data.role: 'BOSS' is not one of [MANAGEMENT, NODE]");
  }

  @Test
  void namesTheFieldOfABadInstanceKeyAndSaysWhichPart() {
    ObjectNode json = encoded(EventType.HEALTH_REPORT);
    json.remove("subject");
    ((ObjectNode) json.get("data")).put("instanceKey", "_ays//main");

    assertThatThrownBy(() -> codec.decode(json.toString()))
        .hasMessage(
            "data.instanceKey: '_ays//main' is not an instance key: name: must not be empty");
  }

  @Test
  void namesNestedFieldsWithTheirWholePath() {
    ObjectNode json = encoded(EventType.TEMPLATE_DEFINITION);
    ((ObjectNode) json.at("/data/files/hooks~1start")).remove("content");
    assertThatThrownBy(() -> codec.decode(json.toString()))
        .hasMessage("data.files[\"hooks/start\"].content: required");

    ObjectNode heartbeat = encoded(EventType.NODE_HEARTBEAT);
    ((ObjectNode) heartbeat.at("/data/capacity")).put("cpus", 0);
    assertThatThrownBy(() -> codec.decode(heartbeat.toString()))
        .hasMessage("data.capacity.cpus: must be at least 1, was 0");

    ObjectNode rejected = encoded(EventType.REQUEST_REJECTED);
    ((ObjectNode) rejected.at("/data/problems/1")).remove("message");
    assertThatThrownBy(() -> codec.decode(rejected.toString()))
        .hasMessage("data.problems[1].message: required");
  }

  @Test
  void refusesTemplateFilePathsThatEscapeTheFolder() {
    ObjectNode json = encoded(EventType.TEMPLATE_DEFINITION);
    ((ObjectNode) json.at("/data/files"))
        .set("../../etc/passwd", json.at("/data/files/hooks~1start"));

    assertThatThrownBy(() -> codec.decode(json.toString()))
        .hasMessage("data.files[\"../../etc/passwd\"]: must not have empty, '.' or '..' segments");
  }

  @Test
  void refusesASubjectThatContradictsTheData() {
    ObjectNode json = encoded(EventType.REQUEST_INSTALL);
    json.put("subject", "_ays/redis/main");

    assertThatThrownBy(() -> codec.decode(json.toString()))
        .hasMessage(
            "subject: '_ays/redis/main' does not match the data, which is about"
                + " '_ays/mongodb/main'");
  }

  @Test
  void refusesATypeOnTheWrongChannel() {
    String heartbeat = codec.encode(Examples.eventOf(EventType.NODE_HEARTBEAT));

    assertThatThrownBy(() -> codec.decode(heartbeat, Channel.REQUESTS))
        .hasMessage("type: 'ays.node.heartbeat.v1' does not belong on the REQUESTS channel");
    assertThat(codec.decode(heartbeat, Channel.NODES).type()).isEqualTo(EventType.NODE_HEARTBEAT);
  }

  @Test
  void ignoresUnknownFieldsForForwardCompatibility() {
    ObjectNode json = encoded(EventType.REQUEST_INSTALL);
    json.put("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
    ((ObjectNode) json.get("data")).put("priority", "high");

    assertThat(codec.decode(json.toString()).data()).isEqualTo(Examples.installRequest());
  }

  @Test
  void fillsWhatAHandWrittenRequestLeavesOut() {
    String minimal =
        "{\"specversion\":\"1.0\",\"id\":\"req-1\",\"source\":\"/ays/kcat\","
            + "\"type\":\"ays.request.install.v1\",\"time\":\"2025-05-01T10:15:30Z\","
            + "\"data\":{\"domain\":\"_ays\",\"name\":\"demo\"}}";

    CloudEvent<ServiceRequest> event = codec.decode(minimal).as(ServiceRequest.class);

    assertThat(event.data().instanceKey()).isEqualTo(InstanceKey.parse("_ays/demo/main"));
    assertThat(event.data().answers()).isEmpty();
    assertThat(event.correlationId()).isEqualTo("req-1");
    assertThat(event.causationId()).isNull();
    assertThat(event.kafkaKey()).isEqualTo("_ays/demo/main");
  }

  @Test
  void rejectsAnOversizedMessageBeforeParsingIt() {
    EventCodec small = new EventCodec(2_000);
    String big = "{\"padding\":\"" + "x".repeat(3_000) + "\"}";

    assertThatThrownBy(() -> small.decode(big))
        .isInstanceOfSatisfying(InvalidEventException.class, e -> assertThat(e.field()).isNull())
        .hasMessage("message is 3014 bytes, over the limit of 2000 bytes");
    assertThatThrownBy(() -> small.decode(big.getBytes(StandardCharsets.UTF_8)))
        .hasMessage("message is 3014 bytes, over the limit of 2000 bytes");
  }

  @Test
  void countsTheLimitInUtf8Bytes() {
    EventCodec small = new EventCodec(2_000);
    String big = "{\"padding\":\"" + "é".repeat(999) + "\"}"; // 1,014 characters, 2,012 bytes

    assertThatThrownBy(() -> small.decode(big))
        .hasMessage("message is 2012 bytes, over the limit of 2000 bytes");
  }

  @Test
  void refusesToEncodeAnEventOverTheLimit() {
    EventCodec small = new EventCodec(1_000);
    ServiceRequest request =
        new ServiceRequest(
            "_ays",
            "demo",
            null,
            null,
            Map.of("blob", "x".repeat(2_000)),
            false,
            false,
            false,
            null,
            null);

    assertThatThrownBy(
            () -> small.encode(Examples.factory("cli").create(EventType.REQUEST_INSTALL, request)))
        .isInstanceOf(InvalidEventException.class)
        .hasMessageStartingWith("encoded event is ")
        .hasMessageEndingWith("bytes, over the limit of 1000 bytes");
  }

  @Test
  void rejectsBytesThatAreNotUtf8() {
    assertThatThrownBy(() -> codec.decode(new byte[] {'{', (byte) 0xc3, (byte) 0x28, '}'}))
        .hasMessage("not UTF-8 text");
  }

  private ObjectNode encoded(EventType type) {
    try {
      return (ObjectNode) MAPPER.readTree(codec.encode(Examples.eventOf(type)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
