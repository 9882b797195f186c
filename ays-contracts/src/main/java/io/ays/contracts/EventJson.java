package io.ays.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The JSON mapping of AYS events, in one place so that every service writes the same JSON. */
public final class EventJson {

  private EventJson() {}

  /**
   * A new mapper configured for the contract:
   *
   * <ul>
   *   <li>times as RFC 3339 strings ({@code 2025-05-01T10:15:30Z}), not numbers;
   *   <li>null fields left out, so optional fields are simply absent;
   *   <li>unknown fields ignored: a newer producer may add fields (additive changes keep the
   *       version), and older consumers must keep working;
   *   <li>no guessing: a string is not read as a number or a boolean, a fraction is not truncated
   *       to an integer, a duplicate field is an error, so that what passes matches the schema.
   * </ul>
   */
  public static ObjectMapper newObjectMapper() {
    return JsonMapper.builder()
        .addModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .serializationInclusion(JsonInclude.Include.NON_NULL)
        .build();
  }
}
