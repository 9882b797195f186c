package io.ays.monitor.domain;

import io.ays.contracts.TemplateDefinition;
import io.ays.model.hrd.Hrd;
import io.ays.model.hrd.HrdParser;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a template's restart settings from its {@code service.hrd}: {@code
 * monitor.restart.initial_delay}, {@code .multiplier}, {@code .max_delay}, {@code .reset_after} and
 * {@code .max_restarts}, written like the monitor's own settings ({@code 30s}, {@code 5m}, {@code
 * 2.0}, {@code 5}). Errors name the template, line and key.
 */
public final class TemplatePolicyReader {

  static final String PREFIX = "monitor.restart.";
  private static final List<String> KNOWN =
      List.of("initial_delay", "multiplier", "max_delay", "reset_after", "max_restarts");
  private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

  private TemplatePolicyReader() {}

  /**
   * The overrides the template sets, {@link PolicyOverrides#NONE} if it sets none.
   *
   * @throws IllegalArgumentException naming the template, line and key of a bad setting
   */
  public static PolicyOverrides read(TemplateDefinition definition) {
    String source = definition.domain() + "/" + definition.name() + "/service.hrd";
    Hrd hrd = new HrdParser().parse(definition.serviceHrd(), source);
    for (String key : hrd.keysWithPrefix(PREFIX)) {
      if (!KNOWN.contains(key.substring(PREFIX.length()))) {
        throw problem(hrd, source, key, "unknown setting; known: " + PREFIX + KNOWN);
      }
    }
    return new PolicyOverrides(
        duration(hrd, source, PREFIX + "initial_delay"),
        number(hrd, source, PREFIX + "multiplier"),
        duration(hrd, source, PREFIX + "max_delay"),
        duration(hrd, source, PREFIX + "reset_after"),
        count(hrd, source, PREFIX + "max_restarts"));
  }

  private static Duration duration(Hrd hrd, String source, String key) {
    if (!hrd.has(key)) {
      return null;
    }
    String text = hrd.getString(key).trim().toLowerCase(Locale.ROOT);
    Matcher m = SHORT_DURATION.matcher(text);
    if (m.matches()) {
      long amount = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(amount);
        case "s" -> Duration.ofSeconds(amount);
        case "m" -> Duration.ofMinutes(amount);
        default -> Duration.ofHours(amount);
      };
    }
    try {
      return Duration.parse(text.toUpperCase(Locale.ROOT));
    } catch (DateTimeParseException e) {
      throw problem(hrd, source, key, "'" + text + "' is not a duration such as 30s, 5m or PT10M");
    }
  }

  private static Double number(Hrd hrd, String source, String key) {
    if (!hrd.has(key)) {
      return null;
    }
    String text = hrd.getString(key).trim();
    try {
      return Double.valueOf(text);
    } catch (NumberFormatException e) {
      throw problem(hrd, source, key, "'" + text + "' is not a number");
    }
  }

  private static Integer count(Hrd hrd, String source, String key) {
    if (!hrd.has(key)) {
      return null;
    }
    String text = hrd.getString(key).trim();
    try {
      return Integer.valueOf(text);
    } catch (NumberFormatException e) {
      throw problem(hrd, source, key, "'" + text + "' is not a whole number");
    }
  }

  static IllegalArgumentException problem(Hrd hrd, String source, String key, String what) {
    return new IllegalArgumentException(
        source + " line " + hrd.line(key) + ": " + key + ": " + what);
  }
}
