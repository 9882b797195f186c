package io.ays.coordinator.domain.plan;

import io.ays.contracts.Phase;
import io.ays.contracts.Problem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a template's retry and timeout settings from its resolved configuration, over the
 * coordinator's defaults. In service.hrd (docs/templates.md):
 *
 * <pre>
 * lifecycle.attempts        = 3     # every phase
 * lifecycle.timeout         = 120   # seconds, or 500ms / 30s / 2m
 * lifecycle.backoff         = 2s
 * lifecycle.start.attempts  = 1     # one phase: its action name
 * lifecycle.start.timeout   = 300
 * </pre>
 *
 * A phase's own key wins over the template-wide one, which wins over the coordinator's default.
 * Pure: no I/O.
 */
public final class PhasePolicies {

  private static final String PREFIX = "service.lifecycle.";
  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)?");

  /**
   * The longest {@code lifecycle.monitor.timeout}: the node runs the monitor every few seconds for
   * every running instance (its own bound is the same, in the executor's MonitorTimeout).
   */
  public static final Duration MAX_MONITOR_TIMEOUT = Duration.ofMinutes(5);

  private static final String MONITOR_TIMEOUT = PREFIX + "monitor.timeout";

  private final PhasePolicy defaults;

  public PhasePolicies(PhasePolicy defaults) {
    this.defaults = defaults;
  }

  /** The policy of {@code phase} for an instance with the resolved {@code config}. */
  public PhasePolicy of(Map<String, Object> config, Phase phase) {
    List<Problem> ignored = new ArrayList<>();
    return read(config, phase, ignored);
  }

  /** Every lifecycle.* setting of {@code config} that is not valid, naming its key. */
  public List<Problem> problems(Map<String, Object> config) {
    List<Problem> problems = new ArrayList<>();
    for (Phase phase : Phase.values()) {
      read(config, phase, problems);
    }
    if (config.get(MONITOR_TIMEOUT) != null) {
      List<Problem> invalid = new ArrayList<>();
      Duration monitor = duration(config, MONITOR_TIMEOUT, Duration.ZERO, invalid);
      if (invalid.isEmpty() && monitor.compareTo(MAX_MONITOR_TIMEOUT) > 0) {
        problems.add(
            new Problem(
                MONITOR_TIMEOUT.substring("service.".length()),
                "at most "
                    + MAX_MONITOR_TIMEOUT.toMinutes()
                    + "m (the health check runs every few seconds), got '"
                    + config.get(MONITOR_TIMEOUT)
                    + "'"));
      }
    }
    for (String key : config.keySet()) {
      if (key.startsWith(PREFIX) && !known(key.substring(PREFIX.length()))) {
        problems.add(
            new Problem(
                key.substring("service.".length()),
                "unknown lifecycle setting; expected lifecycle[.<phase>].attempts, .timeout or"
                    + " .backoff"));
      }
    }
    return problems.stream().distinct().toList();
  }

  private PhasePolicy read(Map<String, Object> config, Phase phase, List<Problem> problems) {
    String own = PREFIX + phase.actionName() + ".";
    int attempts =
        attempts(
            config,
            own + "attempts",
            attempts(config, PREFIX + "attempts", defaults.attempts(), problems),
            problems);
    Duration timeout =
        duration(
            config,
            own + "timeout",
            duration(config, PREFIX + "timeout", defaults.timeout(), problems),
            problems);
    Duration backoff =
        duration(
            config,
            own + "backoff",
            duration(config, PREFIX + "backoff", defaults.backoff(), problems),
            problems);
    return new PhasePolicy(attempts, timeout, backoff, defaults.maxBackoff());
  }

  private static boolean known(String setting) {
    String[] parts = setting.split("\\.");
    String last = parts[parts.length - 1];
    boolean knownSetting =
        last.equals("attempts") || last.equals("timeout") || last.equals("backoff");
    if (parts.length == 1) {
      return knownSetting;
    }
    if (parts.length != 2 || !knownSetting) {
      return false;
    }
    try {
      Phase.fromActionName(parts[0]);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static int attempts(
      Map<String, Object> config, String key, int fallback, List<Problem> problems) {
    Object value = config.get(key);
    if (value == null || String.valueOf(value).isBlank()) {
      return fallback;
    }
    try {
      int attempts = Integer.parseInt(String.valueOf(value).strip());
      if (attempts >= 1 && attempts <= 100) {
        return attempts;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    problems.add(
        new Problem(
            key.substring("service.".length()),
            "expected a number of attempts from 1 to 100, got '" + value + "'"));
    return fallback;
  }

  private static Duration duration(
      Map<String, Object> config, String key, Duration fallback, List<Problem> problems) {
    Object value = config.get(key);
    if (value == null || String.valueOf(value).isBlank()) {
      return fallback;
    }
    Matcher m = DURATION.matcher(String.valueOf(value).strip().toLowerCase(Locale.ROOT));
    if (m.matches()) {
      long amount = Long.parseLong(m.group(1));
      String unit = m.group(2) == null ? "s" : m.group(2);
      Duration duration =
          switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofSeconds(amount);
          };
      if (!duration.isZero()) {
        return duration;
      }
    }
    problems.add(
        new Problem(
            key.substring("service.".length()),
            "expected a duration such as 30 (seconds), 500ms, 30s or 2m, got '" + value + "'"));
    return fallback;
  }
}
