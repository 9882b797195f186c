package io.ays.model.hrd;

import java.util.ArrayList;
import java.util.List;

/** Low-level reading of HRD value text: quotes, comments and splitting outside quotes. */
final class ValueText {

  private ValueText() {}

  /**
   * The text before a {@code #} comment that is outside quotes.
   *
   * @throws IllegalStateException with the 0-based column of an unterminated quote
   */
  static String stripComment(String text) {
    char quote = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '#') {
        return text.substring(0, i);
      }
    }
    return text;
  }

  /** The 0-based column of a quote that is never closed, or -1. */
  static int unterminatedQuote(String text) {
    char quote = 0;
    int opened = -1;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        opened = i;
      }
    }
    return quote == 0 ? -1 : opened;
  }

  /** Splits on {@code separator} outside quotes and brackets; items are trimmed. */
  static List<String> split(String text, char separator) {
    List<String> parts = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    char quote = 0;
    int depth = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '[') {
        depth++;
      } else if (c == ']' && depth > 0) {
        depth--;
      } else if (c == separator && depth == 0) {
        parts.add(current.toString().trim());
        current.setLength(0);
        continue;
      }
      current.append(c);
    }
    parts.add(current.toString().trim());
    return parts;
  }

  /** The index of the first {@code c} outside quotes and brackets, or -1. */
  static int indexOutside(String text, char c) {
    char quote = 0;
    int depth = 0;
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (quote != 0) {
        if (ch == quote) {
          quote = 0;
        }
      } else if (ch == '\'' || ch == '"') {
        quote = ch;
      } else if (ch == '[') {
        depth++;
      } else if (ch == ']' && depth > 0) {
        depth--;
      } else if (ch == c && depth == 0) {
        return i;
      }
    }
    return -1;
  }

  static boolean isQuoted(String text) {
    return text.length() >= 2
        && (text.charAt(0) == '\'' || text.charAt(0) == '"')
        && text.charAt(text.length() - 1) == text.charAt(0);
  }

  static String unquote(String text) {
    return isQuoted(text) ? text.substring(1, text.length() - 1) : text;
  }
}
