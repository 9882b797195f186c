package io.ays.contracts;

/**
 * A message that is not a valid AYS event. The message names the field ({@code data.domain:
 * required}, {@code type: unknown event type 'x'}, {@code not JSON at line 1 column 7}) and is
 * meant to be put as is into a dead letter or a rejection. What could be read of the envelope
 * ({@link #eventId()}, {@link #eventType()}, {@link #correlationId()}) is kept so that a rejection
 * can point at the message it rejects.
 */
public final class InvalidEventException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String field;
  private final String problem;
  private final String eventId;
  private final String eventType;
  private final String correlationId;

  InvalidEventException(
      String field,
      String problem,
      String eventId,
      String eventType,
      String correlationId,
      Throwable cause) {
    super(field == null ? problem : field + ": " + problem, cause);
    this.field = field;
    this.problem = problem;
    this.eventId = eventId;
    this.eventType = eventType;
    this.correlationId = correlationId;
  }

  /** The JSON path of the field at fault ({@code data.answers}), or null for the whole message. */
  public String field() {
    return field;
  }

  /** What is wrong, without the field. */
  public String problem() {
    return problem;
  }

  /** The message's {@code id} if it could be read, else null. */
  public String eventId() {
    return eventId;
  }

  /** The message's {@code type} as written, if it could be read, else null. */
  public String eventType() {
    return eventType;
  }

  /** The message's {@code correlationid} (or its id) if it could be read, else null. */
  public String correlationId() {
    return correlationId;
  }

  /** The problem as one {@link Problem} for a rejection. */
  public Problem asProblem() {
    return new Problem(field == null ? "(message)" : field, problem);
  }
}
