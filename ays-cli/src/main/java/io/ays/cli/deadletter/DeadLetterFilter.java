package io.ays.cli.deadletter;

import java.time.Instant;
import java.util.Locale;

/**
 * Which dead letters a command is about: by the original topic, by words of the reason, by age.
 * Every part is optional.
 *
 * @param topic the original topic (exact), e.g. {@code ays.requests}; null: any
 * @param reason a text the reason must contain, ignoring case; null: any
 * @param since only letters written at or after this; null: any
 */
public record DeadLetterFilter(String topic, String reason, Instant since) {

  public static final DeadLetterFilter ALL = new DeadLetterFilter(null, null, null);

  public boolean matches(StoredDeadLetter stored) {
    if (topic != null && !topic.equals(stored.letter().originalTopic())) {
      return false;
    }
    if (reason != null
        && !stored
            .letter()
            .reason()
            .toLowerCase(Locale.ROOT)
            .contains(reason.toLowerCase(Locale.ROOT))) {
      return false;
    }
    return since == null || !stored.time().isBefore(since);
  }

  public boolean isEmpty() {
    return topic == null && reason == null && since == null;
  }
}
