package io.ays.model.hrd;

import java.util.List;
import java.util.Map;

/**
 * The answers checked against a schema: every question's value (answer or default, typed), or every
 * problem found (not just the first).
 */
public record AnswerCheck(Map<String, Object> values, List<AnswerProblem> problems) {

  public AnswerCheck {
    values = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
    problems = List.copyOf(problems);
  }

  public boolean ok() {
    return problems.isEmpty();
  }

  /**
   * The values, or an exception listing every problem.
   *
   * @throws AnswerException if any answer is missing or wrong
   */
  public Map<String, Object> orThrow() {
    if (!ok()) {
      throw new AnswerException(problems);
    }
    return values;
  }
}
