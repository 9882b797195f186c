package io.ays.model.hrd;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The {@code @ASK} questions of a document, and the check of answers against them. */
public final class AskSchema {

  private final List<AskParameter> parameters;

  public AskSchema(List<AskParameter> parameters) {
    this.parameters = List.copyOf(parameters);
  }

  /**
   * The questions of {@code hrd}. A malformed question is added to {@code problems} as {@code
   * source:line: message} and left out.
   */
  public static AskSchema of(Hrd hrd, List<String> problems) {
    List<AskParameter> parameters = new ArrayList<>();
    for (String key : hrd.keys()) {
      HrdEntry entry = hrd.entry(key).orElseThrow();
      if (entry.value() instanceof String text && text.startsWith("@ASK")) {
        try {
          parameters.add(AskParameter.parse(key, text, entry.line()));
        } catch (IllegalArgumentException e) {
          problems.add(hrd.source() + ":" + entry.line() + ": " + key + ": " + e.getMessage());
        }
      }
    }
    return new AskSchema(parameters);
  }

  public List<AskParameter> parameters() {
    return parameters;
  }

  /**
   * Checks {@code answers} (keyed like the questions, e.g. {@code param.port}; an {@code instance.}
   * prefix is accepted) and fills in defaults. Answers to keys that are not asked are kept as
   * given: the original let {@code --data} set any instance key.
   */
  public AnswerCheck validate(Map<String, Object> answers) {
    Map<String, Object> given = new LinkedHashMap<>();
    answers.forEach((key, value) -> given.put(normalise(key), value));
    Map<String, Object> values = new LinkedHashMap<>();
    List<AnswerProblem> problems = new ArrayList<>();
    for (AskParameter question : parameters) {
      boolean answered = given.containsKey(question.key());
      if (!answered && question.required()) {
        problems.add(
            new AnswerProblem(
                question.key(),
                "required: no answer given and no default"
                    + (question.description() == null ? "" : " (" + question.description() + ")")));
        continue;
      }
      Object raw = answered ? given.remove(question.key()) : question.defaultValue();
      try {
        Object value = AnswerCoercion.coerce(question, raw);
        check(question, value)
            .ifPresent(problem -> problems.add(new AnswerProblem(question.key(), problem)));
        values.put(question.key(), value);
      } catch (IllegalArgumentException e) {
        problems.add(new AnswerProblem(question.key(), e.getMessage()));
      }
    }
    values.putAll(given);
    return new AnswerCheck(values, problems);
  }

  private static java.util.Optional<String> check(AskParameter question, Object value) {
    if (value instanceof Number number) {
      if (question.minValue() != null && number.doubleValue() < question.minValue()) {
        return java.util.Optional.of(
            number + " is below the minimum " + format(question.minValue()));
      }
      if (question.maxValue() != null && number.doubleValue() > question.maxValue()) {
        return java.util.Optional.of(
            number + " is above the maximum " + format(question.maxValue()));
      }
    }
    if (question.regex() != null && !String.valueOf(value).matches(question.regex())) {
      return java.util.Optional.of(
          "'" + value + "' does not match the pattern " + question.regex());
    }
    return java.util.Optional.empty();
  }

  private static String format(double value) {
    return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
  }

  private static String normalise(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    return k.startsWith("instance.") ? k.substring("instance.".length()) : k;
  }
}
