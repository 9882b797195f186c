package io.ays.executor.binary;

/**
 * A {@code git.export.N} or {@code config.render.N} entry that cannot be carried out; the message
 * names the entry and the field.
 */
public class ExportException extends RuntimeException {

  public ExportException(String message) {
    super(message);
  }

  public ExportException(String message, Throwable cause) {
    super(message, cause);
  }
}
