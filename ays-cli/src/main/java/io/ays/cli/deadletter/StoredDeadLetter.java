package io.ays.cli.deadletter;

import io.ays.contracts.DeadLetter;
import java.time.Instant;

/**
 * One dead letter as it lies on {@code ays.dead-letter}.
 *
 * @param id the dead letter's own envelope id: what {@code ays dead-letters show|replay} take
 * @param partition where it lies on {@code ays.dead-letter}
 * @param offset where it lies on {@code ays.dead-letter}
 * @param time when it was written
 * @param letter what the consumer that gave up kept of the original message
 * @param replayedAt when it was last replayed; null if never
 */
public record StoredDeadLetter(
    String id, int partition, long offset, Instant time, DeadLetter letter, Instant replayedAt) {

  public boolean replayed() {
    return replayedAt != null;
  }

  StoredDeadLetter withReplayedAt(Instant at) {
    return new StoredDeadLetter(id, partition, offset, time, letter, at);
  }
}
