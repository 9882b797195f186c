package io.ays.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.core.message.Encoding;
import io.cloudevents.jackson.JsonFormat;
import io.cloudevents.kafka.CloudEventDeserializer;
import io.cloudevents.kafka.CloudEventSerializer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every AYS event type against the CloudEvents SDK for Java's Kafka binding: what AYS writes, the
 * SDK reads; what the SDK writes, in either mode, AYS reads back as the same event.
 */
class KafkaBindingTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final EventCodec codec = new EventCodec();

  @ParameterizedTest
  @EnumSource(EventType.class)
  void theSdkReadsEveryEventAsAysWritesIt(EventType type) throws Exception {
    CloudEvent<?> event = Examples.eventOf(type);
    Headers headers = new RecordHeaders();
    headers.add(KafkaBinding.CONTENT_TYPE_HEADER, KafkaBinding.structuredContentType());

    io.cloudevents.CloudEvent read =
        new CloudEventDeserializer()
            .deserialize("ays.any", headers, codec.encode(event).getBytes(StandardCharsets.UTF_8));

    assertThat(read.getId()).isEqualTo(event.id());
    assertThat(read.getType()).isEqualTo(type.type());
    assertThat(read.getSource().toString()).isEqualTo(event.source());
    assertThat(read.getTime().toInstant()).isEqualTo(event.time());
    assertThat(read.getExtension("correlationid")).isEqualTo(event.correlationId());
    JsonNode written = JSON.readTree(codec.encode(event)).get("data");
    assertThat(JSON.readTree(read.getData().toBytes())).isEqualTo(written);
  }

  @ParameterizedTest
  @EnumSource(EventType.class)
  void aysReadsBackWhatTheSdkWritesInBinaryMode(EventType type) {
    CloudEvent<?> event = Examples.eventOf(type);
    assertThat(throughTheSdk(event, Encoding.BINARY)).isEqualTo(event);
  }

  @ParameterizedTest
  @EnumSource(EventType.class)
  void aysReadsBackWhatTheSdkWritesInStructuredMode(EventType type) {
    CloudEvent<?> event = Examples.eventOf(type);
    assertThat(throughTheSdk(event, Encoding.STRUCTURED)).isEqualTo(event);
  }

  @Test
  void aBinaryModeEventWhoseValueIsNotJsonIsRefusedNamingTheData() {
    Map<String, byte[]> headers = new HashMap<>();
    headers.put("ce_specversion", bytes("1.0"));
    headers.put("ce_id", bytes("x"));
    assertThatThrownBy(() -> KafkaBinding.toStructured(headers, "{not json"))
        .isInstanceOf(InvalidEventException.class)
        .hasMessageContaining("data");
  }

  @Test
  void aRecordWithoutBindingHeadersIsTakenAsStructuredJsonAsKcatWritesIt() {
    assertThat(KafkaBinding.toStructured(Map.of(), "{\"a\":1}")).isEqualTo("{\"a\":1}");
  }

  /** {@code event} parsed by the SDK, written by its Kafka serializer, read back by AYS. */
  private CloudEvent<?> throughTheSdk(CloudEvent<?> event, Encoding encoding) {
    io.cloudevents.CloudEvent sdkEvent =
        new JsonFormat().deserialize(codec.encode(event).getBytes(StandardCharsets.UTF_8));
    Headers headers = new RecordHeaders();
    try (CloudEventSerializer serializer = new CloudEventSerializer()) {
      serializer.configure(
          Map.of(
              CloudEventSerializer.ENCODING_CONFIG,
              encoding.name(),
              CloudEventSerializer.EVENT_FORMAT_CONFIG,
              JsonFormat.CONTENT_TYPE),
          false);
      byte[] value = serializer.serialize("ays.any", headers, sdkEvent);
      Map<String, byte[]> byKey = new HashMap<>();
      for (Header header : headers) {
        byKey.put(header.key(), header.value());
      }
      return codec.decode(
          KafkaBinding.toStructured(byKey, new String(value, StandardCharsets.UTF_8)));
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
