package io.ays.contracts;

/**
 * One thing wrong with a request: the field, as a JSON path like the codec's ({@code data.domain},
 * {@code data.answers["param.port"]}), and why.
 */
public record Problem(String field, String message) {

  public Problem {
    Fields.requiredText(field, "field");
    Fields.requiredText(message, "message");
  }

  /** The problem an {@link InvalidFieldException} describes. */
  public static Problem of(InvalidFieldException e) {
    return new Problem(e.field() == null ? "(value)" : e.field(), e.problem());
  }
}
