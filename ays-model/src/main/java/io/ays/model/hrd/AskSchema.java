package io.ays.model.hrd;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The {@code @ASK} questions of a template, and the check of answers against them. */
public final class AskSchema {

  private final List<AskParameter> parameters;

  public AskSchema(List<AskParameter> parameters) {
    this.parameters = List.copyOf(parameters);
  }

  /** A schema without questions. */
  public static AskSchema empty() {
    return new AskSchema(List.of());
  }

  /**
   * The questions of {@code hrd}, keyed as in the file. A malformed question is added to {@code
   * problems} as {@code source:line: key: message} and left out.
   */
  public static AskSchema of(Hrd hrd, List<String> problems) {
    return of(hrd, "", problems);
  }

  /**
   * The questions of {@code hrd}, each key prefixed with {@code keyPrefix} (e.g. {@code "service."}
   * for a question in a recipe).
   */
  public static AskSchema of(Hrd hrd, String keyPrefix, List<String> problems) {
    List<AskParameter> parameters = new ArrayList<>();
    for (HrdEntry entry : hrd.entries()) {
      if (AskParameter.isQuestion(entry.value())) {
        try {
          parameters.add(
              AskParameter.parse(keyPrefix + entry.key(), (String) entry.value(), entry.line()));
        } catch (IllegalArgumentException e) {
          problems.add(
              hrd.source() + ":" + entry.line() + ": " + entry.key() + ": " + e.getMessage());
        }
      }
    }
    return new AskSchema(parameters);
  }

  /** The questions of both schemas. */
  public AskSchema plus(AskSchema other) {
    List<AskParameter> all = new ArrayList<>(parameters);
    all.addAll(other.parameters);
    return new AskSchema(all);
  }

  public List<AskParameter> parameters() {
    return parameters;
  }

  /** The question for {@code key} (an {@code instance.} prefix is accepted). */
  public Optional<AskParameter> parameter(String key) {
    String k = normalise(key);
    return parameters.stream().filter(p -> p.key().equals(k)).findFirst();
  }

  /**
   * Checks {@code answers} (keyed like the questions, e.g. {@code param.port}; an {@code instance.}
   * prefix is accepted, and so is the question's {@code name} option as in the original), types
   * them and fills in defaults. Every problem is listed, each naming its key. Answers to keys that
   * are not asked are kept as given: the original let {@code --data} set any instance key.
   */
  public AnswerCheck validate(Map<String, ?> answers) {
    Map<String, Object> given = new LinkedHashMap<>();
    answers.forEach((key, value) -> given.put(normalise(key), value));
    Map<String, Object> values = new LinkedHashMap<>();
    List<AnswerProblem> problems = new ArrayList<>();
    for (AskParameter question : parameters) {
      String answerKey = answerKey(question, given);
      boolean answered = answerKey != null;
      if (!answered && question.required()) {
        problems.add(
            new AnswerProblem(
                question.key(),
                "required: no answer given and no default"
                    + (question.description() == null ? "" : " (" + question.description() + ")")));
        continue;
      }
      Object raw = answered ? given.remove(answerKey) : question.defaultValue();
      try {
        Object value = AnswerCoercion.coerce(question, raw);
        AnswerCoercion.check(question, value)
            .ifPresent(problem -> problems.add(new AnswerProblem(question.key(), problem)));
        values.put(question.key(), value);
      } catch (IllegalArgumentException e) {
        problems.add(new AnswerProblem(question.key(), e.getMessage()));
      }
    }
    values.putAll(given);
    return new AnswerCheck(values, problems);
  }

  private static String answerKey(AskParameter question, Map<String, Object> given) {
    if (given.containsKey(question.key())) {
      return question.key();
    }
    if (question.name() != null && given.containsKey(normalise(question.name()))) {
      return normalise(question.name());
    }
    return null;
  }

  /**
   * An answer's key as questions are keyed: trimmed, lower-cased, without an {@code instance.}
   * prefix.
   */
  public static String normalise(String key) {
    String k = key.strip().toLowerCase(Locale.ROOT);
    return k.startsWith("instance.") ? k.substring("instance.".length()) : k;
  }
}
