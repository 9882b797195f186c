package io.ays.executor.health;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long one periodic {@code monitor} check of an instance may take: the template's {@code
 * lifecycle.monitor.timeout} (docs/templates.md), else the executor's {@code
 * ays.executor.monitor-timeout}. The template's value is in the instance's resolved configuration
 * as {@code service.lifecycle.monitor.timeout}, in the coordinator's duration syntax (30, 500ms,
 * 30s, 2m); the coordinator refuses an invalid or too long one at the request, so a value that
 * still does not fit (an older coordinator) falls back to the executor's, and none may exceed
 * {@link #MAX}.
 */
final class MonitorTimeout {

  static final String KEY = "service.lifecycle.monitor.timeout";

  /** The longest a monitor may take: it runs every few seconds, for every running instance. */
  static final Duration MAX = Duration.ofMinutes(5);

  private static final Duration MIN = Duration.ofSeconds(1);
  private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h)?");

  private MonitorTimeout() {}

  static Duration of(Map<String, Object> config, Duration executorDefault) {
    Object value = config == null ? null : config.get(KEY);
    if (value == null || String.valueOf(value).isBlank()) {
      return executorDefault;
    }
    Matcher m = DURATION.matcher(String.valueOf(value).strip().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      return executorDefault;
    }
    long amount = Long.parseLong(m.group(1));
    Duration duration =
        switch (m.group(2) == null ? "s" : m.group(2)) {
          case "ms" -> Duration.ofMillis(amount);
          case "m" -> Duration.ofMinutes(amount);
          case "h" -> Duration.ofHours(amount);
          default -> Duration.ofSeconds(amount);
        };
    if (duration.compareTo(MAX) > 0) {
      return executorDefault;
    }
    // A process is given whole seconds; under one second would kill every monitor at once.
    return duration.compareTo(MIN) < 0 ? MIN : duration;
  }
}
