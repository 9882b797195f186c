package io.ays.messaging;

import java.time.Instant;

/**
 * Records a service keeps only while Kafka could deliver their message again, such as
 * processed-message ids or the executor's command journal. The {@link RetentionPruner} forgets them
 * after the retention, so that their tables do not grow with every message ever consumed.
 */
public interface AgedRecords {

  /** What the records are, for the log: "processed-message ids". */
  String description();

  /**
   * Deletes the records made before {@code cutoff}, in a transaction of its own.
   *
   * @return how many were deleted
   */
  long forgetBefore(Instant cutoff);
}
