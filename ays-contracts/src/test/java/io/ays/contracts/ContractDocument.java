package io.ays.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * docs/asyncapi.yaml as the tests see it: its messages by type string, and a JSON Schema validator
 * for each message's payload with {@code $ref}s resolved against the document's components.
 */
final class ContractDocument {

  private static final String SCHEMAS = "#/components/schemas/";

  private final Path path;
  private final JsonNode root;
  private final JsonSchemaFactory factory =
      JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);
  private final SchemaValidatorsConfig config =
      SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();

  private ContractDocument(Path path) {
    this.path = path;
    try {
      this.root = new YAMLMapper().readTree(path.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }

  /** The document named by the surefire property {@code ays.asyncapi}, else found upwards. */
  static ContractDocument load() {
    return new ContractDocument(docsDir().resolve("asyncapi.yaml"));
  }

  /** The project's docs/ folder. */
  static Path docsDir() {
    String configured = System.getProperty("ays.asyncapi");
    if (configured != null && !configured.isBlank()) {
      return Paths.get(configured).toAbsolutePath().getParent();
    }
    // Run from an IDE without the surefire property: look upwards from the module.
    for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("docs/asyncapi.yaml"))) {
        return dir.resolve("docs");
      }
    }
    throw new IllegalStateException("docs/asyncapi.yaml not found; set -Days.asyncapi=<path>");
  }

  Path path() {
    return path;
  }

  JsonNode root() {
    return root;
  }

  /** Every message of components.messages, by its {@code name} (the event type string). */
  Map<String, JsonNode> messagesByType() {
    Map<String, JsonNode> messages = new LinkedHashMap<>();
    root.path("components")
        .path("messages")
        .fields()
        .forEachRemaining(
            entry -> messages.put(entry.getValue().path("name").asText(), entry.getValue()));
    return messages;
  }

  /** The component schema with this name. */
  JsonNode schema(String name) {
    JsonNode schema = root.path("components").path("schemas").path(name);
    if (schema.isMissingNode()) {
      throw new IllegalArgumentException("no schema " + name + " in " + path);
    }
    return schema;
  }

  JsonNode schemas() {
    return root.path("components").path("schemas");
  }

  /** The name of the component schema a {@code $ref} points at. */
  static String refName(JsonNode node) {
    String ref = node.path("$ref").asText();
    if (!ref.startsWith(SCHEMAS)) {
      throw new IllegalArgumentException("not a component schema reference: " + node);
    }
    return ref.substring(SCHEMAS.length());
  }

  /** Validates an event against the payload schema of the message for its type. */
  Set<ValidationMessage> validate(String type, JsonNode event) {
    JsonNode message = messagesByType().get(type);
    if (message == null) {
      throw new IllegalArgumentException("no message " + type + " in " + path);
    }
    return validator(message.path("payload")).validate(event);
  }

  private JsonSchema validator(JsonNode schema) {
    // The schema sits beside a copy of components, so "#/components/schemas/X" resolves as in
    // the AsyncAPI document itself.
    ObjectNode document = JsonNodeFactory.instance.objectNode();
    document.put("$schema", "http://json-schema.org/draft-07/schema#");
    document.putObject("components").set("schemas", schemas().deepCopy());
    document.putArray("allOf").add(schema.deepCopy());
    return factory.getSchema(document, config);
  }
}
