package io.ays.model.hrd;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns an answer (a string from a command line, or a JSON value) into the question's type, or says
 * why it cannot.
 */
final class AnswerCoercion {

  private AnswerCoercion() {}

  /**
   * The typed answer; throws IllegalArgumentException with the reason, which never quotes the
   * answer of a secret question.
   */
  static Object coerce(AskParameter question, Object answer) {
    try {
      return typed(question, answer);
    } catch (IllegalArgumentException e) {
      if (question.secret()) {
        throw new IllegalArgumentException(
            "the answer is not a valid " + question.type().name().toLowerCase(Locale.ROOT));
      }
      throw e;
    }
  }

  private static Object typed(AskParameter question, Object answer) {
    return switch (question.type()) {
      case STR, PASSWORD, MULTILINE -> text(answer);
      case DROPDOWN -> dropdown(question, text(answer));
      case INT -> integer(answer);
      case FLOAT -> decimal(answer);
      case BOOL -> bool(answer);
      case LIST -> answer instanceof List<?> list ? list : HrdConversions.toList(text(answer));
      case DICT -> dict(answer);
    };
  }

  /** A typed answer outside the question's range or pattern: the reason, or empty. */
  static Optional<String> check(AskParameter question, Object value) {
    if (value instanceof Number number) {
      if (question.minValue() != null && number.doubleValue() < question.minValue()) {
        return Optional.of(number + " is below the minimum " + format(question.minValue()));
      }
      if (question.maxValue() != null && number.doubleValue() > question.maxValue()) {
        return Optional.of(number + " is above the maximum " + format(question.maxValue()));
      }
    }
    if (question.regex() != null) {
      String text = HrdConversions.toText(value);
      String shown = question.secret() ? "the answer" : "'" + text + "'";
      try {
        if (!BoundedMatch.matches(question.regex(), text)) {
          return Optional.of(shown + " does not match the pattern " + question.regex());
        }
      } catch (BoundedMatch.TooSlowException e) {
        return Optional.of(
            "the answer could not be checked against the pattern "
                + question.regex()
                + " within "
                + BoundedMatch.LIMIT.toSeconds()
                + " s (a pattern that backtracks without end?): refused");
      }
    }
    return Optional.empty();
  }

  private static String format(double value) {
    return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
  }

  private static String text(Object answer) {
    return answer == null ? "" : String.valueOf(answer);
  }

  private static Map<String, Object> dict(Object answer) {
    Map<String, Object> dict = HrdConversions.toDict(answer);
    if (dict == null) {
      throw new IllegalArgumentException(
          "expected a dict (k:v, k2:v2), got '" + text(answer) + "'");
    }
    return dict;
  }

  private static Object dropdown(AskParameter question, String answer) {
    if (!question.dropdownValues().isEmpty() && !question.dropdownValues().contains(answer)) {
      throw new IllegalArgumentException(
          "'" + answer + "' is not one of " + question.dropdownValues());
    }
    return answer;
  }

  private static Long integer(Object answer) {
    if (answer instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
      return n.longValue();
    }
    try {
      return Long.parseLong(text(answer).strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("expected an integer, got '" + text(answer) + "'");
    }
  }

  private static Double decimal(Object answer) {
    if (answer instanceof Number n) {
      return n.doubleValue();
    }
    try {
      return Double.parseDouble(text(answer).strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("expected a number, got '" + text(answer) + "'");
    }
  }

  private static Boolean bool(Object answer) {
    if (answer instanceof Boolean b) {
      return b;
    }
    return switch (text(answer).strip().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "y", "1" -> true;
      case "false", "no", "n", "0" -> false;
      default ->
          throw new IllegalArgumentException(
              "expected true or false (or yes/no, 1/0), got '" + text(answer) + "'");
    };
  }
}
