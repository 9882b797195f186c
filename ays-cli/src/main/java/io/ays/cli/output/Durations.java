package io.ays.cli.output;

import java.time.Duration;
import java.time.Instant;

/** Durations for people: {@code 0.4s}, {@code 12.0s}, {@code 3m05s}, {@code 2h10m}. */
public final class Durations {

  private Durations() {}

  public static String millis(Long millis) {
    if (millis == null) {
      return "-";
    }
    if (millis < 60_000) {
      return String.format(java.util.Locale.ROOT, "%.1fs", millis / 1000.0);
    }
    long seconds = millis / 1000;
    if (seconds < 3600) {
      return String.format(java.util.Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
    }
    return String.format(java.util.Locale.ROOT, "%dh%02dm", seconds / 3600, (seconds % 3600) / 60);
  }

  public static String between(Instant from, Instant to) {
    if (from == null || to == null) {
      return "-";
    }
    return millis(Duration.between(from, to).toMillis());
  }

  /**
   * Reads {@code 90s}, {@code 10m}, {@code 1h}, {@code 500ms} or plain seconds ({@code 30}).
   *
   * @throws IllegalArgumentException saying what is expected
   */
  public static Duration parse(String text) {
    String t = text.strip().toLowerCase(java.util.Locale.ROOT);
    try {
      if (t.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
      }
      if (t.endsWith("s")) {
        return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
      }
      if (t.endsWith("m")) {
        return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
      }
      if (t.endsWith("h")) {
        return Duration.ofHours(Long.parseLong(t.substring(0, t.length() - 1)));
      }
      return Duration.ofSeconds(Long.parseLong(t));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' is not a duration (e.g. 90s, 10m, 1h)");
    }
  }

  /** picocli converter for duration options. */
  public static final class Converter implements picocli.CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      try {
        return parse(value);
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }
}
