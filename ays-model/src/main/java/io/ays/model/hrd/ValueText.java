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
    QuoteScanner scanner = QuoteScanner.hrd();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (scanner.step(c) && c == '#') {
        return text.substring(0, i);
      }
    }
    return text;
  }

  /** The 0-based column of a quote that is never closed, or -1. */
  static int unterminatedQuote(String text) {
    QuoteScanner scanner = QuoteScanner.hrd();
    int opened = -1;
    for (int i = 0; i < text.length(); i++) {
      boolean wasOpen = scanner.quote() != 0;
      scanner.step(text.charAt(i));
      if (!wasOpen && scanner.quote() != 0) {
        opened = i;
      }
    }
    return scanner.quote() == 0 ? -1 : opened;
  }

  /** Splits on {@code separator} outside quotes and brackets; items are trimmed. */
  static List<String> split(String text, char separator) {
    List<String> parts = new ArrayList<>();
    int from = 0;
    int at;
    while ((at = indexOutside(text, separator, from)) >= 0) {
      parts.add(text.substring(from, at).trim());
      from = at + 1;
    }
    parts.add(text.substring(from).trim());
    return parts;
  }

  /** The index of the first {@code c} outside quotes and brackets, or -1. */
  static int indexOutside(String text, char c) {
    return indexOutside(text, c, 0);
  }

  /**
   * The index of the first {@code c} at or after {@code from} outside quotes and brackets, or -1;
   * the text from {@code from} on is read as if it stood alone.
   */
  private static int indexOutside(String text, char c, int from) {
    QuoteScanner scanner = QuoteScanner.hrd();
    int depth = 0;
    for (int i = from; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (!scanner.step(ch)) {
        continue;
      }
      if (ch == '[') {
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
