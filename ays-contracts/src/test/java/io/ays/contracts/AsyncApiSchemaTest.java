package io.ays.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * docs/asyncapi.yaml is a valid AsyncAPI document, so that AsyncAPI tools (generators, Studio,
 * catalogues) read it.
 *
 * <p>The schema {@code asyncapi/asyncapi-3.0.0-schema.json} is the official AsyncAPI 3.0.0 JSON
 * schema, copied unchanged from {@code schemas/3.0.0-without-$id.json} of
 * https://github.com/asyncapi/spec-json-schemas (commit 7dd3990d9fff9df76e81c8d2ab544e0000f29aff,
 * Apache License 2.0). A document of another AsyncAPI version needs that version's schema.
 */
class AsyncApiSchemaTest {

  private static final String SCHEMA = "/asyncapi/asyncapi-3.0.0-schema.json";

  @Test
  void documentIsValidAgainstTheAsyncApiSchemaOfItsVersion() throws IOException {
    ContractDocument document = ContractDocument.load();
    assertThat(document.root().path("asyncapi").asText()).isEqualTo("3.0.0");

    Set<ValidationMessage> errors = schema().validate(document.root());

    assertThat(errors).as("AsyncAPI schema errors in %s", document.path()).isEmpty();
  }

  @Test
  void schemaFindsAnInvalidDocument() throws IOException {
    JsonNode broken = ContractDocument.load().root().deepCopy();
    ((com.fasterxml.jackson.databind.node.ObjectNode) broken.path("info")).remove("title");

    assertThat(schema().validate(broken)).isNotEmpty();
  }

  private static JsonSchema schema() throws IOException {
    try (InputStream in = AsyncApiSchemaTest.class.getResourceAsStream(SCHEMA)) {
      assertThat(in).as(SCHEMA).isNotNull();
      JsonNode schema = new ObjectMapper().readTree(in);
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(schema);
    }
  }
}
