package io.ays.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Small helpers over the JSON arrays the services answer with. */
final class RestLists {

  private RestLists() {}

  static List<JsonNode> filter(JsonNode array, Predicate<JsonNode> keep) {
    List<JsonNode> kept = new ArrayList<>();
    if (array != null) {
      for (JsonNode item : array) {
        if (keep.test(item)) {
          kept.add(item);
        }
      }
    }
    return kept;
  }

  static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    if (array != null) {
      array.forEach(item -> texts.add(item.asText()));
    }
    return texts;
  }
}
