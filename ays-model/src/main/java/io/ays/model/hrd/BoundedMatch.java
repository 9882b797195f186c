package io.ays.model.hrd;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Matches an answer against a template's {@code regex} within a time limit. Java's regex engine
 * backtracks, so a pattern such as {@code (.*a){20}} takes hours on forty {@code a} and a {@code
 * !}: a template (or an answer chosen for it) could hold a coordinator thread for hours. The text
 * is handed to the engine through a {@link CharSequence} that checks the clock as it is read, so a
 * match past the limit ends with {@link TooSlowException}.
 */
final class BoundedMatch {

  /**
   * How long one answer may be matched: a plain pattern takes microseconds, and a second leaves
   * room for a machine under load, where the clock runs on while the thread waits for a core.
   */
  static final Duration LIMIT = Duration.ofSeconds(1);

  /** The match ran past {@link #LIMIT}. */
  static final class TooSlowException extends RuntimeException {
    TooSlowException() {
      super(null, null, false, false);
    }
  }

  private BoundedMatch() {}

  /**
   * Whether all of {@code text} matches {@code regex}.
   *
   * @throws TooSlowException if that is not known within {@link #LIMIT}
   */
  static boolean matches(String regex, String text) {
    long deadline = System.nanoTime() + LIMIT.toNanos();
    return Pattern.compile(regex).matcher(new Deadlined(text, deadline)).matches();
  }

  private record Deadlined(String text, long deadline) implements CharSequence {

    @Override
    public char charAt(int index) {
      if (System.nanoTime() > deadline) {
        throw new TooSlowException();
      }
      return text.charAt(index);
    }

    @Override
    public int length() {
      return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return new Deadlined(text.substring(start, end), deadline);
    }

    @Override
    public String toString() {
      return text;
    }
  }
}
