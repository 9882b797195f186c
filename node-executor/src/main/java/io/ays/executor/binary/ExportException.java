package io.ays.executor.binary;

/** A {@code git.export.N} entry that cannot be carried out; the message names entry and field. */
public class ExportException extends RuntimeException {

  public ExportException(String message) {
    super(message);
  }

  public ExportException(String message, Throwable cause) {
    super(message, cause);
  }
}
