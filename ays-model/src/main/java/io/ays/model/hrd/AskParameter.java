package io.ays.model.hrd;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One {@code @ASK} question, e.g. {@code param.port = @ASK type:int default:27017 descr:'port'}.
 *
 * @param key the key it answers, without the {@code instance.} prefix (e.g. {@code param.port})
 * @param defaultValue the default as written, or null when the question has none (then an answer is
 *     required)
 * @param secret whether the answer is a secret: {@code type:password}, or {@code secret:true} on a
 *     question of any type; AYS masks it wherever it shows it and encrypts it where it stores it
 */
public record AskParameter(
    String key,
    AskType type,
    String defaultValue,
    String description,
    String regex,
    Double minValue,
    Double maxValue,
    List<String> dropdownValues,
    Integer retry,
    String name,
    int line,
    boolean secret) {

  /** Whether a value as written is a question ({@code @ASK ...}, any case). */
  public static boolean isQuestion(Object value) {
    return value instanceof String text && text.strip().regionMatches(true, 0, "@ASK", 0, 4);
  }

  /**
   * Whether a request must answer it: it has no default, or an empty one where empty is not a value
   * of the type (int, float, dropdown).
   */
  public boolean required() {
    return defaultValue == null
        || (defaultValue.isEmpty()
            && (type == AskType.INT || type == AskType.FLOAT || type == AskType.DROPDOWN));
  }

  /**
   * Reads the text after {@code @ASK}: space-separated {@code option:value} pairs, values quoted
   * when they hold spaces.
   *
   * @throws IllegalArgumentException naming the option at fault
   */
  public static AskParameter parse(String key, String text, int line) {
    String body = text.strip();
    if (body.regionMatches(true, 0, "@ASK", 0, 4)) {
      body = body.substring(4);
    }
    Map<String, String> options = options(body);
    String type = options.getOrDefault("type", "str");
    String dropdown = options.get("dropdownvals");
    AskParameter question =
        new AskParameter(
            key,
            AskType.of(type),
            options.containsKey("default") ? options.get("default") : null,
            options.get("descr"),
            emptyToNull(options.get("regex")),
            number(options.get("minvalue"), "minValue"),
            number(options.get("maxvalue"), "maxValue"),
            dropdown == null
                ? List.of()
                : ValueText.split(dropdown, ',').stream()
                    .filter(s -> !s.isEmpty())
                    .map(ValueText::unquote)
                    .toList(),
            options.get("retry") == null
                ? null
                : (int) (double) number(options.get("retry"), "retry"),
            emptyToNull(options.get("name")),
            line,
            AskType.of(type) == AskType.PASSWORD || secretOption(options.get("secret")));
    question.checkOptions();
    return question;
  }

  /** Options that contradict each other, or a default that does not fit the type. */
  private void checkOptions() {
    if (type == AskType.DROPDOWN && dropdownValues.isEmpty()) {
      throw new IllegalArgumentException(
          "type dropdown needs dropdownvals (e.g. dropdownvals:a,b)");
    }
    if (minValue != null && maxValue != null && minValue > maxValue) {
      throw new IllegalArgumentException("minValue " + minValue + " is above maxValue " + maxValue);
    }
    if (regex != null) {
      try {
        java.util.regex.Pattern.compile(regex);
      } catch (java.util.regex.PatternSyntaxException e) {
        throw new IllegalArgumentException("regex '" + regex + "' is not a valid pattern");
      }
    }
    if (defaultValue != null && !defaultValue.isEmpty()) {
      try {
        AnswerCoercion.coerce(this, defaultValue);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("default: " + e.getMessage());
      }
    }
  }

  private static Map<String, String> options(String body) {
    Map<String, String> options = new LinkedHashMap<>();
    int i = 0;
    while (i < body.length()) {
      while (i < body.length() && Character.isWhitespace(body.charAt(i))) {
        i++;
      }
      if (i >= body.length()) {
        break;
      }
      // "option:value"; some real templates write "option=value" (gitlab, gogs): accept both.
      int colon = firstOf(body, i, ':', '=');
      int space = nextSpace(body, i);
      if (colon < 0 || (space >= 0 && space < colon)) {
        throw new IllegalArgumentException(
            "expected option:value after @ASK, found '"
                + body.substring(i, space < 0 ? body.length() : space)
                + "'");
      }
      String option = body.substring(i, colon).toLowerCase(Locale.ROOT);
      int valueStart = colon + 1;
      int end;
      String value;
      if (valueStart < body.length()
          && (body.charAt(valueStart) == '\'' || body.charAt(valueStart) == '"')) {
        char quote = body.charAt(valueStart);
        int close = body.indexOf(quote, valueStart + 1);
        if (close < 0) {
          throw new IllegalArgumentException(
              "the quoted value of @ASK option '" + option + "' is never closed");
        }
        value = body.substring(valueStart + 1, close);
        end = close + 1;
      } else {
        int stop = nextSpace(body, valueStart);
        end = stop < 0 ? body.length() : stop;
        value = body.substring(valueStart, end);
      }
      options.put(option, value);
      i = end;
    }
    return options;
  }

  private static int firstOf(String text, int from, char a, char b) {
    int ia = text.indexOf(a, from);
    int ib = text.indexOf(b, from);
    return ia < 0 ? ib : ib < 0 ? ia : Math.min(ia, ib);
  }

  private static int nextSpace(String text, int from) {
    for (int i = from; i < text.length(); i++) {
      if (Character.isWhitespace(text.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  private static boolean secretOption(String value) {
    if (value == null) {
      return false;
    }
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "1" -> true;
      case "false", "no", "0" -> false;
      default ->
          throw new IllegalArgumentException(
              "@ASK secret: expected true or false, got '" + value + "'");
    };
  }

  private static Double number(String value, String option) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Double.parseDouble(value.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("@ASK " + option + ": '" + value + "' is not a number");
    }
  }

  private static String emptyToNull(String value) {
    return value == null || value.isEmpty() ? null : value;
  }
}
