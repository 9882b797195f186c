package io.ays.model.hrd;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads HRD text ({@code key = value} lines) into an {@link Hrd}. See docs/hrd.md for the format as
 * AYS reads it. Every error names the source, line and column and what was expected.
 */
public final class HrdParser {

  /** Files larger than this are refused: an HRD file is a few kilobytes. */
  public static final long DEFAULT_MAX_BYTES = 1024 * 1024;

  private static final Pattern KEY = Pattern.compile("[a-z0-9_][a-z0-9_.\\-]*");

  private final long maxBytes;

  public HrdParser() {
    this(DEFAULT_MAX_BYTES);
  }

  public HrdParser(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  /** Whether {@code key} (lower-cased) is a valid HRD key: letters, digits, '_', '-', '.'. */
  public static boolean isKey(String key) {
    return KEY.matcher(key).matches();
  }

  /** Reads a file; the error names the file. */
  public Hrd parse(Path file) throws IOException {
    long size = Files.size(file);
    if (size > maxBytes) {
      throw new HrdParseException(
          file.toString(), 1, 1, "file is " + size + " bytes, over the limit of " + maxBytes);
    }
    return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
  }

  /** Reads {@code text}; {@code source} names it in errors (usually a path). */
  public Hrd parse(String text, String source) {
    if (text.length() > maxBytes
        || (text.length() * 3L > maxBytes
            && text.getBytes(StandardCharsets.UTF_8).length > maxBytes)) {
      throw new HrdParseException(source, 1, 1, "text is over the limit of " + maxBytes + " bytes");
    }
    String[] lines = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
    Map<String, HrdEntry> entries = new LinkedHashMap<>();
    int i = 0;
    while (i < lines.length) {
      String line = lines[i];
      int lineNo = i + 1;
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith("@")) {
        i++;
        continue;
      }
      if (Character.isWhitespace(line.charAt(0))) {
        throw new HrdParseException(
            source,
            lineNo,
            1,
            "unexpected indented line: continuation lines must follow a 'key =' line with"
                + " nothing after '='");
      }
      int eq = line.indexOf('=');
      if (eq < 0) {
        String first = ValueText.stripComment(trimmed).strip().split("\\s+", 2)[0];
        throw new HrdParseException(
            source, lineNo, first.length() + 1, "expected '=' after key '" + shorten(first) + "'");
      }
      String key = line.substring(0, eq).strip().toLowerCase(Locale.ROOT);
      if (!KEY.matcher(key).matches()) {
        throw new HrdParseException(
            source,
            lineNo,
            1,
            "expected a key of letters, digits, '_', '-' and '.' before '=', found '"
                + shorten(key)
                + "'");
      }
      String rest = line.substring(eq + 1);
      int open = ValueText.unterminatedQuote(rest);
      if (open >= 0 && ValueText.stripComment(rest.substring(0, open)).length() == open) {
        throw new HrdParseException(
            source, lineNo, eq + 2 + open, "quote opened here is never closed on this line");
      }
      String value = ValueText.stripComment(rest).strip();
      if (!value.isEmpty()) {
        // A question is kept as written: it is answered per instance, never typed here.
        Object typed = AskParameter.isQuestion(value) ? value : HrdValues.parse(value);
        entries.put(key, new HrdEntry(key, typed, value, lineNo));
        i++;
        continue;
      }
      List<String> block = new ArrayList<>();
      List<Integer> blockLines = new ArrayList<>();
      int j = i + 1;
      while (j < lines.length
          && !lines[j].isBlank()
          && Character.isWhitespace(lines[j].charAt(0))) {
        String continuation = ValueText.stripComment(lines[j]).strip();
        if (continuation.startsWith("@")) {
          j++; // the original skips '@' lines wherever they are
          continue;
        }
        if (ValueText.unterminatedQuote(continuation) >= 0) {
          throw new HrdParseException(
              source,
              j + 1,
              lines[j].indexOf(continuation) + 1 + ValueText.unterminatedQuote(continuation),
              "quote opened here is never closed on this line");
        }
        if (!continuation.isEmpty()) {
          block.add(continuation);
          blockLines.add(j + 1);
        }
        j++;
      }
      entries.put(
          key,
          new HrdEntry(
              key, blockValue(block, blockLines, source), String.join("\n", block), lineNo));
      i = j;
    }
    return new Hrd(source, entries);
  }

  /**
   * A multi-line value: a dict if the first line holds a {@code :} and ends with {@code ,}, a list
   * if it ends with {@code ,}, else a text block.
   */
  private static Object blockValue(List<String> block, List<Integer> lines, String source) {
    if (block.isEmpty()) {
      return "";
    }
    String first = block.get(0);
    if (first.endsWith(",") && ValueText.indexOutside(first, ':') >= 0) {
      Map<String, Object> dict = new LinkedHashMap<>();
      for (int k = 0; k < block.size(); k++) {
        String line = block.get(k);
        if (ValueText.indexOutside(line, ':') < 0) {
          throw new HrdParseException(
              source,
              lines.get(k),
              1,
              "expected 'key:value,' in a multi-line dict, found '" + shorten(line) + "'");
        }
        dict.putAll(HrdValues.dict(line));
      }
      return dict;
    }
    if (first.endsWith(",")) {
      return HrdValues.list(String.join(",", block));
    }
    return String.join("\n", block);
  }

  private static String shorten(String text) {
    return text.length() > 60 ? text.substring(0, 60) + "..." : text;
  }
}
