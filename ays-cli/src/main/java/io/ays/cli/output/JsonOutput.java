package io.ays.cli.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.ays.contracts.EventJson;
import java.io.PrintWriter;

/**
 * --json output: pretty-printed JSON for one answer, or one compact object per line for streams
 * (watch, follow), so that {@code jq} reads both.
 */
public final class JsonOutput {

  private static final ObjectMapper PRETTY =
      EventJson.newObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final ObjectMapper COMPACT = EventJson.newObjectMapper();

  private JsonOutput() {}

  public static void print(PrintWriter out, Object value) {
    out.println(write(PRETTY, value));
    out.flush();
  }

  public static void line(PrintWriter out, Object value) {
    out.println(write(COMPACT, value));
    out.flush();
  }

  public static ObjectMapper mapper() {
    return COMPACT;
  }

  private static String write(ObjectMapper mapper, Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON output", e);
    }
  }
}
