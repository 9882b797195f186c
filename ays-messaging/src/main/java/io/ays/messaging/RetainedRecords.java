package io.ays.messaging;

import java.time.Instant;

/**
 * Something a service keeps that would grow without end (finished runs, health history, template
 * versions), with the rule that says what may go. A service declares one bean per kind; the {@link
 * RetentionPruner} applies every rule on its schedule, a batch at a time, so that no delete holds a
 * table's locks for long and a large backlog is worked off in many short transactions.
 */
public interface RetainedRecords {

  /** A short word for the metric's {@code kind} label and the log: "runs". */
  String kind();

  /** What the rule keeps, for the log: "finished runs younger than 720h". */
  String rule();

  /**
   * Deletes up to {@code limit} records the rule no longer keeps as of {@code now}, in a
   * transaction of its own.
   *
   * @return how many were deleted: fewer than {@code limit} when nothing more is due
   */
  int pruneBatch(Instant now, int limit);
}
