package io.ays.model.hrd;

/**
 * A reference in shell text ({@code process.N}'s {@code cmd} or {@code args}) at a place where its
 * value cannot be made one literal shell word; names the source, key and reference.
 */
public class UnquotableReferenceException extends HrdReferenceException {

  public UnquotableReferenceException(String source, String key, String problem) {
    super(source + ": " + key + ": " + problem);
  }
}
