package io.ays.model.hrd;

/**
 * A value of an HRD document is missing or is not of the type a reader asked for; names the source,
 * line and key.
 */
public class HrdValueException extends RuntimeException {

  private final String key;

  public HrdValueException(String source, int line, String key, String problem) {
    super(source + (line > 0 ? ":" + line : "") + ": " + key + ": " + problem);
    this.key = key;
  }

  /** The key at fault. */
  public String key() {
    return key;
  }
}
