package io.ays.cli.command;

import io.ays.cli.CliException;
import io.ays.cli.Endpoints;
import io.ays.cli.ExitCodes;
import io.ays.cli.follow.RequestReport;
import io.ays.cli.follow.RunFollower;
import io.ays.cli.follow.RunProgress;
import io.ays.cli.follow.RunTracker;
import io.ays.cli.follow.TextProgress;
import io.ays.cli.kafka.EventStream;
import io.ays.cli.kafka.RequestPublisher;
import io.ays.cli.output.Durations;
import io.ays.cli.output.JsonOutput;
import io.ays.cli.request.RequestFactory;
import io.ays.cli.request.RequestOptions;
import io.ays.cli.request.Target;
import io.ays.cli.rest.CoordinatorClient;
import io.ays.contracts.CloudEvent;
import io.ays.contracts.EventFactory;
import io.ays.contracts.InstanceKey;
import io.ays.contracts.RequestAction;
import io.ays.contracts.ServiceRequest;
import io.ays.contracts.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * A lifecycle command: builds the request, publishes it on {@code ays.requests} (CloudEvents
 * envelope, key = instance key, like any producer) and follows its runs on {@code
 * ays.service-events} by the request's id, which the coordinator puts as {@code correlationid} on
 * every event of the request. With --dry-run it asks the coordinator for the plan instead.
 */
abstract class ActionCommand extends AysSubcommand implements Callable<Integer> {

  /** Requests from the CLI say so in their {@code source}. */
  static final EventFactory EVENTS = new EventFactory("/ays/cli", Clock.systemUTC());

  @Mixin RequestOptions request;

  @Option(
      names = "--dry-run",
      description = "show the plan (the coordinator's dry run) and run nothing; same as ays plan")
  boolean dryRun;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      converter = Durations.Converter.class,
      description =
          "stop following after this long (e.g. 90s, 10m), exit 4; the run goes on. Default: follow"
              + " to the end")
  Duration timeout;

  @Option(
      names = "--no-wait",
      description = "send the request, print its id and exit 0 without following it")
  boolean noWait;

  @Option(names = "--json", description = "no progress; print the summary as JSON")
  boolean json;

  abstract RequestAction action();

  /** Only install has --no-start. */
  boolean noStart() {
    return false;
  }

  @Override
  public Integer call() {
    Endpoints endpoints = endpoints();
    Target target = domains().resolve(request.target(), actsOnInstalled(action()));
    InstanceKey key = target.key();
    ServiceRequest payload = RequestFactory.build(key, request, noStart(), parentKey());
    if (dryRun) {
      return PlanPrinter.print(
          out(), coordinator().plan(action(), payload), verb() + " " + key, json);
    }
    CloudEvent<ServiceRequest> event = EVENTS.create(action().eventType(), payload);
    if (noWait) {
      String requestId = send(endpoints, event);
      if (json) {
        JsonOutput.print(out(), Map.of("requestId", requestId, "instanceKey", key.toString()));
      } else {
        out().println("request " + requestId + " sent: " + verb() + " " + key);
      }
      return ExitCodes.OK;
    }
    // Open the stream first: its position is fixed before the request exists, so no answer is
    // missed however quickly it comes.
    try (EventStream stream =
        EventStream.fromNow(endpoints.kafkaConnection(), List.of(Topics.SERVICE_EVENTS))) {
      String requestId = send(endpoints, event);
      if (!json) {
        out().println("request " + requestId + " sent: " + verb() + " " + key);
      }
      RunProgress progress = json ? RunProgress.silent() : new TextProgress(out());
      RunTracker tracker = new RunTracker(requestId, progress);
      CoordinatorClient coordinator = coordinator();
      boolean over =
          new RunFollower(stream, runId -> runsOfRequest(coordinator, runId), err())
              .follow(tracker, timeout);
      RequestReport report = new RequestReport(action(), key.toString(), tracker);
      if (json) {
        report.printJson(out());
      } else {
        report.printText(out());
      }
      if (!over) {
        throw new CliException(
            ExitCodes.TIMED_OUT,
            "gave up following after "
                + Durations.millis(timeout.toMillis())
                + "; the request goes on: "
                + (tracker.anyRunId() == null
                    ? "ays runs --instance " + key
                    : "ays runs " + tracker.anyRunId() + " --request")
                + " shows where it is");
      }
      return report.exitCode();
    }
  }

  /**
   * Sends the request; returns its id. A request with answers goes through the coordinator's REST
   * API, which seals the template's secret answers before it publishes the request: the CLI has no
   * key, and an answer may be a password (docs/security.md, "Secrets"). Others go straight to
   * {@code ays.requests}.
   */
  private String send(Endpoints endpoints, CloudEvent<ServiceRequest> event) {
    if (!event.data().answers().isEmpty()) {
      return coordinator().submit(action(), event.data());
    }
    new RequestPublisher(endpoints.kafkaConnection()).publish(event);
    return event.id();
  }

  private static Optional<Integer> runsOfRequest(CoordinatorClient coordinator, UUID runId) {
    try {
      return Optional.of(coordinator.runsOfRequest(runId).size());
    } catch (CliException unreachable) {
      return Optional.empty();
    }
  }

  /** The instance named by --parent, its domain looked up among instances; null without one. */
  private InstanceKey parentKey() {
    Target parent = request.parentTarget();
    return parent == null ? null : domains().resolve(parent, true).key();
  }

  /** Whether the target must be installed (its domain is then looked up among instances). */
  static boolean actsOnInstalled(RequestAction action) {
    return action != RequestAction.INSTALL && !action.templateLevel();
  }

  String verb() {
    return action().name().toLowerCase(Locale.ROOT);
  }
}
