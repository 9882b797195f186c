package io.ays.model.hrd;

import java.util.List;
import java.util.Map;

/**
 * The answers checked against a schema: every question's value (answer or default, typed), or every
 * problem found (not just the first).
 */
public record AnswerCheck(Map<String, Object> values, List<AnswerProblem> problems) {

  public boolean ok() {
    return problems.isEmpty();
  }
}
