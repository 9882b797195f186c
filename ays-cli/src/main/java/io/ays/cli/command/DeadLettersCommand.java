package io.ays.cli.command;

import io.ays.cli.CliException;
import io.ays.cli.ExitCodes;
import io.ays.cli.deadletter.DeadLetterFilter;
import io.ays.cli.deadletter.DeadLetterLog;
import io.ays.cli.deadletter.DeadLetterReplayer;
import io.ays.cli.deadletter.Replayability;
import io.ays.cli.deadletter.StoredDeadLetter;
import io.ays.cli.output.Durations;
import io.ays.cli.output.JsonOutput;
import io.ays.cli.output.Table;
import io.ays.contracts.DeadLetter;
import java.io.Console;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ays dead-letters list|show|replay}: the messages AYS's consumers gave up on, read from
 * {@code ays.dead-letter}, and a dead-lettered request sent again once its cause is fixed.
 */
@Command(
    name = "dead-letters",
    mixinStandardHelpOptions = true,
    description = "List, show and replay the messages AYS's consumers gave up on.",
    subcommands = {
      DeadLettersCommand.ListLetters.class,
      DeadLettersCommand.Show.class,
      DeadLettersCommand.Replay.class
    })
public class DeadLettersCommand implements Callable<Integer> {

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return ExitCodes.USAGE;
  }

  /** The filter options {@code list} and {@code replay} share. */
  public static class FilterOptions {

    @Option(
        names = {"--topic", "--channel"},
        paramLabel = "TOPIC",
        description = "only letters of this original topic, e.g. ays.requests")
    String topic;

    @Option(
        names = "--reason",
        paramLabel = "TEXT",
        description = "only letters whose reason contains TEXT (ignoring case)")
    String reason;

    @Option(
        names = "--since",
        paramLabel = "WHEN",
        description =
            "only letters written since WHEN: a duration ago (90s, 10m, 1h) or a time"
                + " (2026-12-07T10:00:00Z)")
    String since;

    DeadLetterFilter filter(Instant now) {
      return new DeadLetterFilter(topic, reason, since == null ? null : sinceOf(since, now));
    }

    static Instant sinceOf(String text, Instant now) {
      try {
        return Instant.parse(text);
      } catch (DateTimeParseException notATime) {
        try {
          return now.minus(Durations.parse(text));
        } catch (IllegalArgumentException e) {
          throw CliException.usage(
              "--since: '"
                  + text
                  + "' is neither a duration (90s, 10m, 1h) nor a time"
                  + " (2026-12-07T10:00:00Z)");
        }
      }
    }
  }

  /** {@code ays dead-letters list}: the newest letters matching the filters. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List dead letters, oldest first (the newest --limit of those that match).")
  public static class ListLetters extends AysSubcommand implements Callable<Integer> {

    @Mixin FilterOptions filters;

    @Option(
        names = {"-l", "--limit"},
        defaultValue = "50",
        description = "at most this many, the newest (default: ${DEFAULT-VALUE})")
    int limit;

    @Mixin OutputOptions output;

    @Override
    public Integer call() {
      if (limit < 1) {
        throw CliException.usage("--limit must be at least 1, not " + limit);
      }
      DeadLetterFilter filter = filters.filter(Instant.now());
      List<StoredDeadLetter> all =
          new DeadLetterLog(endpoints().kafkaConnection())
              .readAll().stream().filter(filter::matches).toList();
      List<StoredDeadLetter> shown = all.subList(Math.max(0, all.size() - limit), all.size());
      if (output.structured()) {
        output.print(out(), shown.stream().map(DeadLettersCommand::summary).toList());
        return ExitCodes.OK;
      }
      if (shown.isEmpty()) {
        out().println(filter.isEmpty() ? "no dead letter" : "no dead letter matches");
        return ExitCodes.OK;
      }
      Table table =
          new Table("ID", "WRITTEN", "TOPIC", "KEY", "CONSUMER", "TYPE", "REPLAYED", "REASON");
      for (StoredDeadLetter s : shown) {
        DeadLetter l = s.letter();
        table.row(
            s.id(),
            s.time(),
            l.originalTopic(),
            l.originalKey(),
            l.consumer(),
            l.originalType(),
            s.replayed() ? s.replayedAt().toString() : "no",
            cut(l.reason(), 100));
      }
      table.print(out());
      if (all.size() > shown.size()) {
        out()
            .printf(
                "(%d more; --limit shows more, --since, --topic and --reason narrow)%n",
                all.size() - shown.size());
      }
      return ExitCodes.OK;
    }
  }

  /** {@code ays dead-letters show ID}: one letter whole. */
  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = "Show one dead letter: where it came from, why, and the original message.")
  public static class Show extends AysSubcommand implements Callable<Integer> {

    @Parameters(paramLabel = "ID", description = "the dead letter's id (or a unique start of it)")
    String id;

    @Option(names = "--json", description = "print the dead letter as JSON")
    boolean json;

    @Override
    public Integer call() {
      StoredDeadLetter s = find(new DeadLetterLog(endpoints().kafkaConnection()).readAll(), id);
      if (json) {
        Map<String, Object> whole = summary(s);
        whole.put("letter", s.letter());
        JsonOutput.print(out(), whole);
        return ExitCodes.OK;
      }
      DeadLetter l = s.letter();
      out()
          .printf("dead letter   %s (ays.dead-letter[%d]@%d)%n", s.id(), s.partition(), s.offset());
      out().printf("written       %s by %s%n", s.time(), l.consumer());
      out().printf("reason        %s%n", l.reason());
      out()
          .printf(
              "original      %s[%d]@%d, key %s%n",
              l.originalTopic(), l.partition(), l.offset(), l.originalKey());
      out()
          .printf(
              "event         %s, id %s%n",
              Optional.ofNullable(l.originalType()).orElse("?"),
              Optional.ofNullable(l.originalId()).orElse("?"));
      out().printf("replayed      %s%n", s.replayed() ? "yes, last at " + s.replayedAt() : "no");
      Optional<String> whyNot = Replayability.whyNot(s);
      out().printf("replayable    %s%n", whyNot.map(w -> "no: " + w).orElse("yes"));
      out().println("headers");
      if (l.originalHeaders().isEmpty()) {
        out().println("  (none)");
      }
      new TreeMap<>(l.originalHeaders()).forEach((k, v) -> out().printf("  %s: %s%n", k, v));
      out()
          .printf(
              "payload       %d bytes%s%n",
              l.payloadBytes(),
              l.truncated() ? ", cut to " + l.payload().length() + " characters" : "");
      out().println(l.payload());
      return ExitCodes.OK;
    }
  }

  /** {@code ays dead-letters replay}: sends requests again to where they came from. */
  @Command(
      name = "replay",
      mixinStandardHelpOptions = true,
      description = {
        "Send dead-lettered requests again to their original topic, with their original key and"
            + " headers, once the cause is fixed.",
        "Give IDs, or filters (--topic, --reason, --since) for every letter that matches. Asks"
            + " before sending unless --yes; a letter replayed before is left out unless --force."
      })
  public static class Replay extends AysSubcommand implements Callable<Integer> {

    @Parameters(
        arity = "0..*",
        paramLabel = "ID",
        description = "dead letter ids (or unique starts of them)")
    List<String> ids = new ArrayList<>();

    @Mixin FilterOptions filters;

    @Option(
        names = {"-y", "--yes"},
        description = "replay without asking")
    boolean yes;

    @Option(names = "--force", description = "replay letters that were replayed before, too")
    boolean force;

    @Override
    public Integer call() {
      DeadLetterFilter filter = filters.filter(Instant.now());
      if (ids.isEmpty() && filter.isEmpty()) {
        throw CliException.usage(
            "replay needs dead letter IDs or a filter (--topic, --reason, --since);"
                + " ays dead-letters list shows them");
      }
      List<StoredDeadLetter> all = new DeadLetterLog(endpoints().kafkaConnection()).readAll();
      List<StoredDeadLetter> chosen = new ArrayList<>();
      if (ids.isEmpty()) {
        all.stream().filter(filter::matches).forEach(chosen::add);
      } else {
        for (String id : ids) {
          StoredDeadLetter s = find(all, id);
          if (filter.matches(s) && !chosen.contains(s)) {
            chosen.add(s);
          }
        }
      }
      List<StoredDeadLetter> toSend = new ArrayList<>();
      boolean refused = false;
      for (StoredDeadLetter s : chosen) {
        Optional<String> whyNot = Replayability.whyNot(s);
        if (whyNot.isPresent()) {
          err().printf("ays: not replaying %s: %s%n", s.id(), whyNot.get());
          refused = true;
        } else if (s.replayed() && !force) {
          err()
              .printf(
                  "ays: not replaying %s: it was replayed at %s (--force replays it again)%n",
                  s.id(), s.replayedAt());
          refused = true;
        } else {
          toSend.add(s);
        }
      }
      if (toSend.isEmpty()) {
        out().println(chosen.isEmpty() ? "no dead letter matches" : "nothing to replay");
        return chosen.isEmpty() ? ExitCodes.OK : ExitCodes.FAILED;
      }
      for (StoredDeadLetter s : toSend) {
        out()
            .printf(
                "%s  %s  key %s  %s%n",
                s.id(),
                s.letter().originalTopic(),
                s.letter().originalKey(),
                cut(s.letter().reason(), 80));
      }
      if (!yes && !confirmed(toSend.size())) {
        err().println("ays: nothing replayed (--yes replays without asking)");
        return ExitCodes.FAILED;
      }
      try (DeadLetterReplayer replayer = new DeadLetterReplayer(endpoints().kafkaConnection())) {
        for (StoredDeadLetter s : toSend) {
          replayer.replay(s);
          out()
              .printf(
                  "replayed %s to %s (key %s)%n",
                  s.id(), s.letter().originalTopic(), s.letter().originalKey());
        }
      }
      return refused ? ExitCodes.FAILED : ExitCodes.OK;
    }

    private boolean confirmed(int count) {
      Console console = System.console();
      if (console == null) {
        throw CliException.usage(
            "replay asks before sending, and there is no terminal to ask on; --yes replays"
                + " without asking");
      }
      String answer =
          console.readLine("Replay %d dead letter%s? [y/N] ", count, count == 1 ? "" : "s");
      return answer != null && answer.strip().toLowerCase(Locale.ROOT).startsWith("y");
    }
  }

  /** The letter {@code id} names: its whole id, or the only one starting with it. */
  static StoredDeadLetter find(List<StoredDeadLetter> all, String id) {
    List<StoredDeadLetter> matching = all.stream().filter(s -> s.id().equals(id)).toList();
    if (matching.isEmpty()) {
      matching = all.stream().filter(s -> s.id().startsWith(id)).toList();
    }
    if (matching.isEmpty()) {
      throw new CliException(
          ExitCodes.FAILED, "no dead letter " + id + " (ays dead-letters list shows them)");
    }
    if (matching.size() > 1) {
      throw CliException.usage(
          "dead letter id " + id + " is the start of " + matching.size() + " ids; give more of it");
    }
    return matching.get(0);
  }

  static Map<String, Object> summary(StoredDeadLetter s) {
    DeadLetter l = s.letter();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", s.id());
    out.put("writtenAt", s.time());
    out.put("originalTopic", l.originalTopic());
    out.put("partition", l.partition());
    out.put("offset", l.offset());
    out.put("originalKey", l.originalKey());
    out.put("consumer", l.consumer());
    out.put("originalType", l.originalType());
    out.put("originalId", l.originalId());
    out.put("reason", l.reason());
    out.put("replayedAt", s.replayedAt());
    out.put("replayable", Replayability.whyNot(s).isEmpty());
    return out;
  }

  private static String cut(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }
}
