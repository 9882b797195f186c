package io.ays.model.hrd;

/** An HRD text could not be read; says where (source, line, column) and what was expected. */
public class HrdParseException extends RuntimeException {

  private final String source;
  private final int line;
  private final int column;
  private final String problem;

  public HrdParseException(String source, int line, int column, String problem) {
    super(source + ":" + line + ":" + column + ": " + problem);
    this.source = source;
    this.line = line;
    this.column = column;
    this.problem = problem;
  }

  public String source() {
    return source;
  }

  public int line() {
    return line;
  }

  public int column() {
    return column;
  }

  public String problem() {
    return problem;
  }
}
