package io.ays.model.template;

import io.ays.model.hrd.AnswerProblem;
import io.ays.model.hrd.AskParameter;
import io.ays.model.hrd.AskSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The answer keys a template asks, and the refusal of any other: its {@code @ASK} questions (in
 * instance.hrd, or in service.hrd as {@code service.<key>}), also by their {@code name} option, and
 * the plain keys of its instance.hrd, which are per-instance parameters with a default. An answer
 * to anything else would set a key the template never meant to be set from outside.
 */
final class AskedKeys {

  private final String template;
  private final Set<String> keys = new TreeSet<>();
  private final Set<String> aliases = new TreeSet<>();

  private AskedKeys(Template template) {
    this.template = template.key();
    for (AskParameter question : template.schema().parameters()) {
      keys.add(question.key());
      if (question.name() != null) {
        aliases.add(AskSchema.normalise(question.name()));
      }
    }
    template
        .instanceHrd()
        .rawValues()
        .forEach(
            (key, value) -> {
              if (!AskParameter.isQuestion(value)) {
                keys.add(key);
              }
            });
  }

  static AskedKeys of(Template template) {
    return new AskedKeys(template);
  }

  /** One problem for each key of {@code answers} the template does not ask, naming what it asks. */
  List<AnswerProblem> unasked(Map<String, ?> answers) {
    List<AnswerProblem> problems = new ArrayList<>();
    for (String given : answers.keySet()) {
      String key = AskSchema.normalise(given);
      if (!keys.contains(key) && !aliases.contains(key)) {
        problems.add(
            new AnswerProblem(
                key,
                "not asked by "
                    + template
                    + ": "
                    + (keys.isEmpty() ? "it asks nothing" : "it asks " + String.join(", ", keys))));
      }
    }
    return problems;
  }
}
