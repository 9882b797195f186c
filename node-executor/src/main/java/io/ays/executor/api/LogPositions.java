package io.ays.executor.api;

import java.util.HashMap;
import java.util.Map;

/**
 * The {@code since} parameter of a log read: {@code name:position} pairs, comma-separated, one per
 * log file a follower has read up to.
 */
final class LogPositions {

  private LogPositions() {}

  /** The positions by file name; empty for a null or blank parameter. */
  static Map<String, Long> parse(String since) {
    Map<String, Long> positions = new HashMap<>();
    if (since == null || since.isBlank()) {
      return positions;
    }
    for (String pair : since.split(",")) {
      int colon = pair.lastIndexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException(
            "since: expected file:position pairs (process.1.log:4096), got '" + pair + "'");
      }
      String name = pair.substring(0, colon).trim();
      try {
        long position = Long.parseLong(pair.substring(colon + 1).trim());
        if (position < 0) {
          throw new NumberFormatException();
        }
        positions.put(name, position);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "since: the position of "
                + name
                + " must be a byte offset of 0 or more, got '"
                + pair.substring(colon + 1)
                + "'");
      }
    }
    return positions;
  }
}
