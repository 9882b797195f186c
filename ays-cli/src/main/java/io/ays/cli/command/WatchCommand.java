package io.ays.cli.command;

import io.ays.cli.ExitCodes;
import io.ays.cli.kafka.EventStream;
import io.ays.cli.kafka.ReceivedEvent;
import io.ays.cli.output.Durations;
import io.ays.contracts.CloudEvent;
import io.ays.contracts.HealthReport;
import io.ays.contracts.InstanceStateChanged;
import io.ays.contracts.MonitorGaveUp;
import io.ays.contracts.RequestRejected;
import io.ays.contracts.RunAccepted;
import io.ays.contracts.RunFinished;
import io.ays.contracts.StepFinished;
import io.ays.contracts.StepOutcome;
import io.ays.contracts.StepStarted;
import io.ays.contracts.Topics;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ays watch}: lifecycle and health events as they happen, straight from Kafka ({@code
 * ays.service-events} and {@code ays.health}), one line each. Kafka rather than the monitor's
 * server-sent events: it has every event (runs, steps, rejections), not only the monitor's view,
 * and needs no service but the broker.
 */
@Command(
    name = "watch",
    mixinStandardHelpOptions = true,
    description = {
      "Show lifecycle and health events live, until Ctrl-C.",
      "One line per event from Kafka (ays.service-events and ays.health)."
    })
public class WatchCommand extends AysSubcommand implements Callable<Integer> {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

  @Parameters(
      arity = "0..1",
      paramLabel = "NAME",
      description =
          "only events of this template or instance (name, domain/name, domain/name/instance)")
  String name;

  @Option(names = "--no-health", description = "leave out health reports (periodic checks)")
  boolean noHealth;

  @Option(
      names = "--for",
      paramLabel = "DURATION",
      converter = Durations.Converter.class,
      description = "stop after this long (e.g. 30s, 5m)")
  Duration duration;

  @Option(names = "--count", paramLabel = "N", description = "stop after N events")
  Integer count;

  @Option(names = "--json", description = "print each event as its JSON envelope, one per line")
  boolean json;

  @Override
  public Integer call() {
    InstanceFilter filter = InstanceFilter.of(name, null, null);
    List<String> topics = new ArrayList<>(List.of(Topics.SERVICE_EVENTS));
    if (!noHealth) {
      topics.add(Topics.HEALTH);
    }
    long deadline = duration == null ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos();
    int seen = 0;
    try (EventStream stream = EventStream.fromNow(endpoints().kafkaConnection(), topics)) {
      Thread main = Thread.currentThread();
      Thread hook = new Thread(stream::wakeup);
      Runtime.getRuntime().addShutdownHook(hook);
      if (!json) {
        out()
            .println(
                "watching "
                    + String.join(" and ", topics)
                    + " on "
                    + endpoints().kafka()
                    + " (Ctrl-C stops)");
        out().flush();
      }
      while (System.nanoTime() < deadline
          && (count == null || seen < count)
          && !main.isInterrupted()) {
        for (ReceivedEvent received : stream.poll(Duration.ofMillis(500))) {
          if (!received.valid() || !matches(filter, received.key())) {
            continue;
          }
          seen++;
          if (json) {
            out().println(received.json());
          } else {
            out().println(line(received.event()));
          }
          out().flush();
          if (count != null && seen >= count) {
            break;
          }
        }
      }
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // Ctrl-C: the JVM is going down anyway
      }
    }
    return ExitCodes.OK;
  }

  private static boolean matches(InstanceFilter filter, String key) {
    if (!filter.any()) {
      return true;
    }
    if (key == null) {
      return false;
    }
    String[] parts = key.split("/", -1);
    if (parts.length != 3) {
      return false;
    }
    return (filter.domain() == null || filter.domain().equals(parts[0]))
        && filter.name().equals(parts[1])
        && (filter.instance() == null || filter.instance().equals(parts[2]));
  }

  /** One event as a line: time, subject, what happened. */
  static String line(CloudEvent<?> event) {
    return TIME.format(event.time()) + "  " + event.subject() + "  " + describe(event.data());
  }

  static String describe(Object data) {
    if (data instanceof RunAccepted a) {
      return lower(a.action())
          + " accepted: run "
          + a.runId()
          + ", "
          + a.plan().size()
          + " steps on "
          + a.node();
    }
    if (data instanceof StepStarted s) {
      return s.phase().actionName()
          + " started on "
          + s.node()
          + (s.attempt() > 1 ? " (attempt " + s.attempt() + ")" : "");
    }
    if (data instanceof StepFinished f) {
      return f.phase().actionName()
          + " "
          + f.outcome()
          + (f.durationMs() != null && f.outcome() != StepOutcome.SKIPPED
              ? " in " + Durations.millis(f.durationMs())
              : "")
          + (f.willRetry() ? ", will retry" : "")
          + (f.message() != null ? ": " + firstLine(f.message()) : "");
    }
    if (data instanceof RunFinished f) {
      return lower(f.action())
          + " "
          + f.outcome()
          + " in "
          + Durations.millis(f.durationMs())
          + (f.reason() != null ? ": " + firstLine(f.reason()) : "");
    }
    if (data instanceof RequestRejected r) {
      return "request rejected (" + r.requestType() + "): " + r.reason();
    }
    if (data instanceof InstanceStateChanged c) {
      return "state "
          + (c.from() == null ? "new" : c.from())
          + " -> "
          + c.to()
          + (c.reason() != null ? ": " + firstLine(c.reason()) : "");
    }
    if (data instanceof MonitorGaveUp g) {
      return "monitor gave up: " + g.reason();
    }
    if (data instanceof HealthReport h) {
      return "health "
          + h.status()
          + " ("
          + lower(h.source())
          + (h.process() != null ? " " + h.process() : "")
          + (h.exitCode() != null ? ", exit " + h.exitCode() : "")
          + ")"
          + (h.message() != null ? ": " + firstLine(h.message()) : "");
    }
    return data.getClass().getSimpleName();
  }

  private static String lower(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }

  private static String firstLine(String text) {
    String t = text.strip();
    int nl = t.indexOf('\n');
    return nl < 0 ? t : t.substring(0, nl) + " ...";
  }
}
