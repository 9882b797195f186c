package io.ays.model.hrd;

import java.util.List;
import java.util.stream.Collectors;

/** Answers that do not satisfy a schema; carries every problem, each naming its key. */
public class AnswerException extends RuntimeException {

  private final List<AnswerProblem> problems;

  public AnswerException(List<AnswerProblem> problems) {
    super(
        "invalid answers: "
            + problems.stream().map(AnswerProblem::toString).collect(Collectors.joining("; ")));
    this.problems = List.copyOf(problems);
  }

  public List<AnswerProblem> problems() {
    return problems;
  }
}
