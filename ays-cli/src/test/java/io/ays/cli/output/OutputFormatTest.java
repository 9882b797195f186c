package io.ays.cli.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class OutputFormatTest {

  /** A row as the CLI prints them: texts, numbers, nulls, times, a nested list. */
  record Row(String instanceKey, int port, String problem, Instant at, List<String> deps) {}

  private static final List<Row> ROWS =
      List.of(
          new Row("e2e/web/main", 8080, null, Instant.parse("2026-12-07T10:00:00Z"), List.of()),
          new Row(
              "e2e/db/main",
              5432,
              "down: process.1 exited with 137",
              Instant.parse("2026-12-07T10:01:02.5Z"),
              List.of("e2e/web/main")));

  @Test
  void jsonAndYamlSayTheSameAndToolsReadBoth() throws Exception {
    JsonNode json = new ObjectMapper().readTree(printed(OutputFormat.JSON));
    JsonNode yaml = new YAMLMapper().readTree(printed(OutputFormat.YAML));

    assertThat(yaml).isEqualTo(json);
    assertThat(json).hasSize(2);
    assertThat(json.get(1).path("problem").asText()).isEqualTo("down: process.1 exited with 137");
    assertThat(json.get(1).path("at").asText()).isEqualTo("2026-12-07T10:01:02.500Z");
    // An absent value is left out, in YAML as in JSON.
    assertThat(json.get(0).has("problem")).isFalse();
    assertThat(json.get(1).path("deps").get(0).asText()).isEqualTo("e2e/web/main");
  }

  @Test
  void aFormatIsReadInAnyCaseAndAnUnknownOneIsNamed() {
    OutputFormat.Converter converter = new OutputFormat.Converter();
    assertThat(converter.convert("YAML")).isEqualTo(OutputFormat.YAML);
    assertThat(converter.convert("json")).isEqualTo(OutputFormat.JSON);
    assertThatThrownBy(() -> converter.convert("xml"))
        .isInstanceOf(TypeConversionException.class)
        .hasMessage("'xml' is not an output format (table, json or yaml)");
  }

  private static String printed(OutputFormat format) {
    StringWriter text = new StringWriter();
    format.print(new PrintWriter(text, true), ROWS);
    return text.toString();
  }
}
