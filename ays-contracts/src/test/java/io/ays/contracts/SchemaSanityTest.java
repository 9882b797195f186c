package io.ays.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** The schema check is not vacuous: the document's schemas do refuse bad events. */
class SchemaSanityTest {

  private static final ContractDocument DOC = ContractDocument.load();
  private static final ObjectMapper MAPPER = EventJson.newObjectMapper();

  @Test
  void schemaRefusesWrongValuesAtEveryLevel() throws Exception {
    String json = new EventCodec().encode(Examples.eventOf(EventType.COMMAND_PHASE));

    ObjectNode badEnvelope = (ObjectNode) MAPPER.readTree(json);
    badEnvelope.put("specversion", "0.3");
    ObjectNode badType = (ObjectNode) MAPPER.readTree(json);
    badType.put("type", "ays.result.phase.v1");
    ObjectNode badData = (ObjectNode) MAPPER.readTree(json);
    ((ObjectNode) badData.get("data")).put("phase", "chek_up");
    ObjectNode badNested = (ObjectNode) MAPPER.readTree(json);
    ((ObjectNode) badNested.at("/data/template")).put("contentHash", "abc");
    ObjectNode badTime = (ObjectNode) MAPPER.readTree(json);
    badTime.put("time", "yesterday");

    assertThat(DOC.validate("ays.command.phase.v1", badEnvelope)).isNotEmpty();
    assertThat(DOC.validate("ays.command.phase.v1", badType)).isNotEmpty();
    assertThat(DOC.validate("ays.command.phase.v1", badData)).isNotEmpty();
    assertThat(DOC.validate("ays.command.phase.v1", badNested)).isNotEmpty();
    assertThat(DOC.validate("ays.command.phase.v1", badTime)).isNotEmpty();
    assertThat(DOC.validate("ays.command.phase.v1", MAPPER.readTree(json))).isEmpty();
  }

  @Test
  void testsReadTheDocumentNamedByTheBuild() {
    assertThat(System.getProperty("ays.asyncapi")).endsWith("docs/asyncapi.yaml");
    assertThat(DOC.path().toString()).isEqualTo(System.getProperty("ays.asyncapi"));
  }
}
