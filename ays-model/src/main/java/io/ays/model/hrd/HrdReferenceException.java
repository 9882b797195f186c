package io.ays.model.hrd;

/** A {@code $(...)} reference that cannot be substituted; names the source and the problem. */
public class HrdReferenceException extends RuntimeException {

  public HrdReferenceException(String message) {
    super(message);
  }
}
