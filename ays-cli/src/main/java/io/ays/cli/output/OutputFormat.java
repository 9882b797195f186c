package io.ays.cli.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.PrintWriter;
import java.util.Locale;

/** How a listing command prints its answer: a table for people, JSON or YAML for tools. */
public enum OutputFormat {
  TABLE,
  JSON,
  YAML;

  private static final YAMLMapper YAML_MAPPER =
      new YAMLMapper(
          YAMLFactory.builder().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).build());

  /** Whether the answer is printed as data (JSON or YAML) rather than a table. */
  public boolean structured() {
    return this != TABLE;
  }

  /** Prints {@code value} as JSON (pretty) or YAML; as JSON for {@link #TABLE}, never asked so. */
  public void print(PrintWriter out, Object value) {
    if (this != YAML) {
      JsonOutput.print(out, value);
      return;
    }
    // Through the JSON mapper first, so that times and records are written as in JSON.
    JsonNode tree = JsonOutput.mapper().valueToTree(value);
    try {
      out.print(YAML_MAPPER.writeValueAsString(tree));
      out.flush();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write YAML output", e);
    }
  }

  /** Reads {@code table}, {@code json} or {@code yaml}, in any case. */
  public static final class Converter implements picocli.CommandLine.ITypeConverter<OutputFormat> {
    @Override
    public OutputFormat convert(String value) {
      try {
        return OutputFormat.valueOf(value.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.TypeConversionException(
            "'" + value + "' is not an output format (table, json or yaml)");
      }
    }
  }
}
