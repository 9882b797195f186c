package io.ays.cli.request;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads the original AYS's {@code --data 'k:v k2:v2'}: pairs separated by white space, each split
 * at its first {@code :} (so a value may hold colons, as URLs do). A value with spaces is quoted,
 * {@code k:'a b'} or {@code k:"a b"}; inside double quotes {@code \"} and {@code \\} escape. The
 * {@code instance.} prefix of a key is optional ({@code instance.param.port} = {@code param.port}),
 * since the contract keys answers without it. Errors name the bad part.
 */
public class DataParser implements ITypeConverter<Answers> {

  private static final String INSTANCE_PREFIX = "instance.";

  @Override
  public Answers convert(String value) {
    try {
      return parse(value);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }

  /**
   * The answers in {@code text}.
   *
   * @throws IllegalArgumentException naming the pair at fault
   */
  public static Answers parse(String text) {
    Map<String, Object> answers = new LinkedHashMap<>();
    int i = 0;
    int n = text.length();
    while (true) {
      while (i < n && Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      if (i >= n) {
        return new Answers(answers);
      }
      int start = i;
      while (i < n && text.charAt(i) != ':' && !Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      if (i >= n || text.charAt(i) != ':') {
        throw new IllegalArgumentException(
            "'"
                + text.substring(start, i)
                + "' has no ':' (expected key:value, e.g. param.port:8080)");
      }
      String key = text.substring(start, i);
      if (key.isEmpty()) {
        throw new IllegalArgumentException(
            "'" + word(text, start) + "' has an empty key (expected key:value)");
      }
      if (key.startsWith(INSTANCE_PREFIX) && key.length() > INSTANCE_PREFIX.length()) {
        key = key.substring(INSTANCE_PREFIX.length());
      }
      i++; // the ':'
      StringBuilder value = new StringBuilder();
      if (i < n && (text.charAt(i) == '\'' || text.charAt(i) == '"')) {
        i = quoted(text, i, key, value);
        if (i < n && !Character.isWhitespace(text.charAt(i))) {
          throw new IllegalArgumentException(
              "value of '"
                  + key
                  + "': text right after the closing quote: '"
                  + word(text, i)
                  + "'");
        }
      } else {
        while (i < n && !Character.isWhitespace(text.charAt(i))) {
          value.append(text.charAt(i++));
        }
      }
      if (answers.putIfAbsent(key, value.toString()) != null) {
        throw new IllegalArgumentException("'" + key + "' is given twice");
      }
    }
  }

  /** Reads a quoted value starting at the quote; returns the index after the closing quote. */
  private static int quoted(String text, int at, String key, StringBuilder value) {
    char quote = text.charAt(at);
    int i = at + 1;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == quote) {
        return i + 1;
      }
      if (quote == '"' && c == '\\' && i + 1 < text.length()) {
        char next = text.charAt(i + 1);
        if (next == '"' || next == '\\') {
          value.append(next);
          i += 2;
          continue;
        }
      }
      value.append(c);
      i++;
    }
    throw new IllegalArgumentException("value of '" + key + "' has no closing " + quote + " quote");
  }

  private static String word(String text, int from) {
    int end = from;
    while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
      end++;
    }
    return text.substring(from, end);
  }
}
