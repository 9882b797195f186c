package io.ays.contracts;

/**
 * A value that breaks the contract, naming the field it sits in so that the message reads {@code
 * domain: required} wherever it surfaces (a producer's stack trace, a dead letter, a rejection).
 */
public final class InvalidFieldException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String field;
  private final String problem;

  /**
   * @param field the field's name relative to the object that checks it, or null when the value
   *     itself is checked (a parser does not know which field it was read from)
   * @param problem what is wrong, e.g. {@code required}
   */
  public InvalidFieldException(String field, String problem) {
    super(field == null ? problem : field + ": " + problem);
    this.field = field;
    this.problem = problem;
  }

  /** The field's name relative to the checked object, or null. */
  public String field() {
    return field;
  }

  /** What is wrong, without the field name. */
  public String problem() {
    return problem;
  }
}
