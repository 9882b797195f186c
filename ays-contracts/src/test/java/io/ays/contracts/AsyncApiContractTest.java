package io.ays.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ays.contracts.signing.CommandSigner;
import io.ays.contracts.signing.SigningKeys;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** docs/asyncapi.yaml and the Java contract say the same thing. */
class AsyncApiContractTest {

  private static final ContractDocument DOC = ContractDocument.load();
  private static final EventCodec CODEC = new EventCodec();
  private static final ObjectMapper MAPPER = EventJson.newObjectMapper();

  @Test
  void documentListsExactlyTheEventTypesOfTheCode() {
    Set<String> inCode =
        Arrays.stream(EventType.values()).map(EventType::type).collect(Collectors.toSet());

    assertThat(DOC.messagesByType().keySet()).containsExactlyInAnyOrderElementsOf(inCode);
  }

  @ParameterizedTest
  @EnumSource(EventType.class)
  void eachMessageFixesItsTypeAndPayloadRecord(EventType type) {
    JsonNode parts = DOC.messagesByType().get(type.type()).path("payload").path("allOf");
    assertThat(ContractDocument.refName(parts.get(0))).isEqualTo("CloudEvent");
    JsonNode properties = parts.get(1).path("properties");

    assertThat(properties.path("type").path("const").asText()).isEqualTo(type.type());
    assertThat(ContractDocument.refName(properties.path("data")))
        .isEqualTo(type.payloadClass().getSimpleName());
  }

  @ParameterizedTest
  @EnumSource(EventType.class)
  void eachMessageSitsOnTheChannelOfItsType(EventType type) {
    List<String> addresses = new ArrayList<>();
    JsonNode channels = DOC.root().path("channels");
    channels.forEach(
        channel ->
            channel
                .path("messages")
                .forEach(
                    message -> {
                      String ref = message.path("$ref").asText();
                      String name = ref.substring(ref.lastIndexOf('/') + 1);
                      String messageType =
                          DOC.root()
                              .path("components")
                              .path("messages")
                              .path(name)
                              .path("name")
                              .asText();
                      if (messageType.equals(type.type())) {
                        addresses.add(channel.path("address").asText());
                        assertThat(compacted(channel))
                            .as("compaction of %s", channel.path("address").asText())
                            .isEqualTo(type.channel().compacted());
                      }
                    }));

    assertThat(addresses).containsExactly(defaultAddress(type.channel()));
  }

  @ParameterizedTest
  @EnumSource(EventType.class)
  void everyEncodedExampleMatchesItsMessageSchema(EventType type) throws Exception {
    JsonNode encoded = MAPPER.readTree(CODEC.encode(Examples.eventOf(type)));

    assertThat(DOC.validate(type.type(), encoded)).isEmpty();
  }

  @Test
  void aSignedCommandMatchesItsMessageSchema() throws Exception {
    String signed =
        new CommandSigner(SigningKeys.generate().getPrivate(), "ays-1")
            .sign(CODEC.encode(Examples.eventOf(EventType.COMMAND_PHASE)), Examples.T0);

    assertThat(DOC.validate(EventType.COMMAND_PHASE.type(), MAPPER.readTree(signed))).isEmpty();
  }

  @Test
  void schemasNameExactlyTheFieldsOfTheRecords() throws Exception {
    List<String> checked = new ArrayList<>();
    for (Iterator<String> names = DOC.schemas().fieldNames(); names.hasNext(); ) {
      String name = names.next();
      JsonNode properties = DOC.schema(name).path("properties");
      Class<?> type = contractClass(name);
      if (type == null
          || !type.isRecord()
          || properties.isMissingNode()
          || name.equals("CloudEvent")) {
        continue;
      }
      Set<String> components =
          Arrays.stream(type.getRecordComponents())
              .map(RecordComponent::getName)
              .collect(Collectors.toCollection(TreeSet::new));
      assertThat(fieldNames(properties)).as("properties of schema %s", name).isEqualTo(components);
      checked.add(name);
    }
    assertThat(checked)
        .as("every payload record has a schema")
        .containsAll(
            Arrays.stream(EventType.values())
                .map(t -> t.payloadClass().getSimpleName())
                .collect(Collectors.toSet()));
  }

  @Test
  void envelopeSchemaNamesExactlyTheAttributesTheCodecWrites() throws Exception {
    JsonNode encoded = MAPPER.readTree(CODEC.encode(Examples.eventOf(EventType.RESULT_PHASE)));

    assertThat(fieldNames(DOC.schema("CloudEvent").path("properties")))
        .isEqualTo(fieldNames(encoded));
  }

  @Test
  void enumsInTheDocumentHoldTheJavaValues() throws Exception {
    List<String> checked = new ArrayList<>();
    for (Iterator<String> names = DOC.schemas().fieldNames(); names.hasNext(); ) {
      String name = names.next();
      JsonNode values = DOC.schema(name).path("enum");
      Class<?> type = contractClass(name);
      if (values.isMissingNode() || type == null || !type.isEnum()) {
        continue;
      }
      List<String> inCode = new ArrayList<>();
      for (Object constant : type.getEnumConstants()) {
        inCode.add(MAPPER.valueToTree(constant).asText());
      }
      List<String> inDoc = new ArrayList<>();
      values.forEach(v -> inDoc.add(v.asText()));
      assertThat(inDoc).as("enum %s", name).isEqualTo(inCode);
      checked.add(name);
    }
    assertThat(checked).contains("Phase", "RequestAction", "InstanceState", "HealthStatus");
  }

  /**
   * For every field of every example, leaving it out is accepted by the codec exactly when the
   * schema accepts it: the two agree on what is required, conditions included.
   */
  @ParameterizedTest
  @EnumSource(EventType.class)
  void codecAndSchemaAgreeOnWhatIsRequired(EventType type) throws Exception {
    ObjectNode event = (ObjectNode) MAPPER.readTree(CODEC.encode(Examples.eventOf(type)));
    List<String> disagreements = new ArrayList<>();
    for (String path : objectFieldPaths(event, "")) {
      ObjectNode without = event.deepCopy();
      if (path.startsWith("/data/")) {
        // The subject is derived from the data; leave it out so only the field under test counts.
        without.remove("subject");
      }
      String parent = path.substring(0, path.lastIndexOf('/'));
      String field = path.substring(path.lastIndexOf('/') + 1);
      ((ObjectNode) without.at(parent)).remove(unescape(field));

      boolean schemaAccepts = DOC.validate(type.type(), without).isEmpty();
      String codecError = codecError(without);
      if (schemaAccepts != (codecError == null)) {
        disagreements.add(
            path
                + ": schema "
                + (schemaAccepts ? "accepts" : "refuses")
                + ", codec "
                + (codecError == null ? "accepts" : "refuses (" + codecError + ")"));
      }
    }
    assertThat(disagreements).isEmpty();
  }

  private static String codecError(JsonNode event) {
    try {
      CODEC.decode(event.toString());
      return null;
    } catch (InvalidEventException e) {
      return e.getMessage();
    }
  }

  /** JSON pointers of every field of every object (not of free-form maps' entries). */
  private static List<String> objectFieldPaths(JsonNode node, String at) {
    List<String> paths = new ArrayList<>();
    if (node instanceof ObjectNode object) {
      boolean freeForm = at.endsWith("/answers") || at.endsWith("/config") || at.endsWith("/files");
      for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        String path = at + "/" + escape(name);
        if (!freeForm) {
          paths.add(path);
        }
        paths.addAll(objectFieldPaths(object.get(name), path));
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        paths.addAll(objectFieldPaths(array.get(i), at + "/" + i));
      }
    }
    return paths;
  }

  private static String escape(String name) {
    return name.replace("~", "~0").replace("/", "~1");
  }

  private static String unescape(String name) {
    return name.replace("~1", "/").replace("~0", "~");
  }

  private static Set<String> fieldNames(JsonNode node) {
    Set<String> names = new TreeSet<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static Class<?> contractClass(String simpleName) {
    try {
      return Class.forName("io.ays.contracts." + simpleName);
    } catch (ClassNotFoundException e) {
      return null;
    }
  }

  private static boolean compacted(JsonNode channel) {
    Set<String> policies = new HashSet<>();
    channel
        .path("bindings")
        .path("kafka")
        .path("topicConfiguration")
        .path("cleanup.policy")
        .forEach(p -> policies.add(p.asText()));
    return policies.contains("compact");
  }

  private static String defaultAddress(Channel channel) {
    Topics topics = Topics.defaults();
    return channel == Channel.COMMANDS
        ? topics.commandsPrefix() + "{nodeId}"
        : topics.topicOf(channel);
  }
}
