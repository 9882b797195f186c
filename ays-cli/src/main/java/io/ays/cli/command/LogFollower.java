package io.ays.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.ays.cli.CliException;
import io.ays.contracts.InstanceKey;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code ays logs --follow}: asks every interval for the lines written since the last read (each
 * file's {@code endOffset}), and prints them under a {@code ==> file <==} header whenever the file
 * changes, like {@code tail -f} of several files. Ends when the instance is gone; a node or
 * coordinator that does not answer is said once on stderr and asked again.
 */
final class LogFollower {

  private final InstanceKey key;
  private final Function<String, Optional<JsonNode>> readSince;
  private final PrintWriter out;
  private final PrintWriter err;
  private final Duration interval;
  private final Map<String, Long> positions = new LinkedHashMap<>();
  private String lastHeader;
  private String lastProblem;

  LogFollower(
      InstanceKey key,
      Function<String, Optional<JsonNode>> readSince,
      PrintWriter out,
      PrintWriter err,
      Duration interval) {
    this.key = key;
    this.readSince = readSince;
    this.out = out;
    this.err = err;
    this.interval = interval;
  }

  /** Remembers where the first read ended, and which header it printed last. */
  void startAfter(JsonNode logs, String lastHeader) {
    for (JsonNode file : logs.path("files")) {
      positions.put(file.path("name").asText(), file.path("endOffset").asLong());
    }
    this.lastHeader = lastHeader;
  }

  /** Follows until the instance is gone; returns normally then. */
  void follow() throws InterruptedException {
    while (true) {
      Thread.sleep(interval.toMillis());
      Optional<JsonNode> read;
      try {
        read = readSince.apply(since());
        lastProblem = null;
      } catch (CliException problem) {
        if (!problem.getMessage().equals(lastProblem)) {
          err.println("ays: " + problem.getMessage() + " (asking again)");
          err.flush();
          lastProblem = problem.getMessage();
        }
        continue;
      }
      if (read.isEmpty()) {
        err.println("ays: " + key + " is no longer installed; stopped following");
        err.flush();
        return;
      }
      print(read.get());
    }
  }

  private void print(JsonNode logs) {
    for (JsonNode file : logs.path("files")) {
      String name = file.path("name").asText();
      positions.put(name, file.path("endOffset").asLong());
      if (file.path("lines").isEmpty()) {
        continue;
      }
      String header = LogsCommand.header(logs, name);
      if (!header.equals(lastHeader)) {
        out.println(header);
        lastHeader = header;
      }
      for (JsonNode line : file.path("lines")) {
        out.println(line.asText());
      }
    }
    out.flush();
  }

  private String since() {
    return positions.entrySet().stream()
        .map(e -> e.getKey() + ":" + e.getValue())
        .collect(Collectors.joining(","));
  }
}
