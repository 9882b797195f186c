package io.ays.model.hrd;

/** {@code $(...)} references that lead back to themselves; names the cycle. */
public class HrdCycleException extends HrdReferenceException {

  public HrdCycleException(String source, String cycle) {
    super(source + ": reference cycle " + cycle);
  }
}
