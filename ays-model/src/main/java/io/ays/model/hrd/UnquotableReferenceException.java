package io.ays.model.hrd;

/**
 * A reference in shell text ({@code process.N}'s {@code cmd} or {@code args}) at a place where its
 * value cannot be made one literal shell word; names the source, key and reference.
 */
public class UnquotableReferenceException extends HrdReferenceException {

  private final String problem;

  public UnquotableReferenceException(String source, String key, String problem) {
    super(source + ": " + key + ": " + problem);
    this.problem = problem;
  }

  /** What is wrong, without the source and key. */
  public String problem() {
    return problem;
  }
}
