package io.ays.cli.request;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Answers to a template's {@code @ASK} questions from {@code --data}, in the order given. Values
 * stay strings: the coordinator converts each to its question's type (int, bool, list, ...) and
 * names the answer it cannot convert, exactly as for the original's command line.
 */
public record Answers(Map<String, Object> values) {

  public Answers {
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  public static Answers none() {
    return new Answers(Map.of());
  }

  /** These answers and {@code more}; a key given twice is an error naming it. */
  public Answers and(Answers more) {
    Map<String, Object> merged = new LinkedHashMap<>(values);
    for (Map.Entry<String, Object> entry : more.values.entrySet()) {
      if (merged.putIfAbsent(entry.getKey(), entry.getValue()) != null) {
        throw new IllegalArgumentException("'" + entry.getKey() + "' is given twice");
      }
    }
    return new Answers(merged);
  }
}
