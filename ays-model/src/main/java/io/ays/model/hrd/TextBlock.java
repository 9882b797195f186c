package io.ays.model.hrd;

import java.util.List;

/** The lines of a multi-line text written as an HRD text block, if it can be read back. */
final class TextBlock {

  private TextBlock() {}

  /**
   * The lines to indent under {@code key =}.
   *
   * @throws IllegalArgumentException if a line would read back differently
   */
  static List<String> lines(String text) {
    List<String> lines = List.of(text.split("\n", -1));
    for (String line : lines) {
      if (line.isBlank()) {
        throw new IllegalArgumentException(
            "a text block cannot hold a blank line (it ends the block)");
      }
      if (!line.equals(line.strip())) {
        throw new IllegalArgumentException(
            "a text block cannot keep leading or trailing blanks of a line");
      }
      if (line.startsWith("@")) {
        throw new IllegalArgumentException(
            "a text block line cannot start with '@' (it is skipped)");
      }
      if (ValueText.unterminatedQuote(line) >= 0 || !ValueText.stripComment(line).equals(line)) {
        throw new IllegalArgumentException(
            "a text block line cannot hold an unpaired quote or a '#' outside quotes");
      }
    }
    if (lines.get(0).endsWith(",")) {
      throw new IllegalArgumentException(
          "a text block's first line cannot end with ',' (it would read as a list)");
    }
    return lines;
  }
}
