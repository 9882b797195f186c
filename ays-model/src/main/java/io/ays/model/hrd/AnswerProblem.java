package io.ays.model.hrd;

/** Something wrong with the answer to one {@code @ASK} question. */
public record AnswerProblem(String key, String message) {

  @Override
  public String toString() {
    return key + ": " + message;
  }
}
