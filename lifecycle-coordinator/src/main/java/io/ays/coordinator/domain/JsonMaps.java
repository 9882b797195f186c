package io.ays.coordinator.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.TreeMap;

/** Stores answers and resolved configurations as JSON text columns. */
@ApplicationScoped
public class JsonMaps {

  private static final TypeReference<TreeMap<String, Object>> MAP = new TypeReference<>() {};

  private final ObjectMapper mapper;

  public JsonMaps(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** Writes a map with its keys sorted, so that equal maps give equal text. */
  public String write(Map<String, Object> map) {
    try {
      return mapper.writeValueAsString(new TreeMap<>(map));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot store as JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** One value as JSON text. */
  public String writeValue(Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot store as JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** One value from JSON text. */
  public Object readValue(String text) {
    try {
      return mapper.readValue(text, Object.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored JSON is unreadable: " + e.getOriginalMessage(), e);
    }
  }

  public Map<String, Object> read(String text) {
    if (text == null || text.isBlank()) {
      return Map.of();
    }
    try {
      return mapper.readValue(text, MAP);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored JSON is unreadable: " + e.getOriginalMessage(), e);
    }
  }
}
