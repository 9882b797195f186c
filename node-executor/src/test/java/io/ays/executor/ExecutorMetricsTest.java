package io.ays.executor;

import static org.assertj.core.api.Assertions.assertThat;

import io.ays.contracts.InstanceKey;
import io.ays.contracts.Phase;
import io.ays.contracts.PhaseCommand;
import io.ays.contracts.PhaseOutcome;
import io.ays.contracts.PhaseResult;
import io.ays.contracts.TemplateDefinition;
import io.ays.model.template.Template;
import io.ays.testing.KafkaBroker;
import io.ays.testing.KafkaTestResource;
import io.ays.testing.MetricsScrape;
import io.ays.testing.PrometheusText;
import io.ays.testing.TestTemplates;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The executor's {@code /q/metrics} around a real process: its phases are counted by phase and
 * outcome, the process is counted running, its crash is counted, starting it again is a restart,
 * the journal holds the commands, the outbox drains, and every series
 * deploy/prometheus/exported-metrics.txt lists for the executor is there.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class ExecutorMetricsTest {

  private static final Duration WAIT = Duration.ofSeconds(60);

  KafkaBroker broker;

  @TestHTTPResource("/")
  URI base;

  @Test
  void aProcessStartedCrashedAndStartedAgainIsCountedAsARestart() throws Exception {
    String name = "metered" + UUID.randomUUID().toString().substring(0, 8);
    String recipe = "process.1 =\n    cmd:'sleep',\n    args:'" + uniqueSeconds() + "',\n";
    LocalNodeBus bus = new LocalNodeBus(broker.bootstrapServers());
    String hash =
        bus.publishTemplate(
            new TemplateDefinition(
                "demo",
                name,
                TestTemplates.UNHASHED,
                "file:///test",
                null,
                Map.of(),
                recipe,
                null,
                Instant.now()));
    InstanceKey key = new InstanceKey("demo", name, "main");
    Map<String, Object> config =
        Template.fromHrd("demo", name, recipe, null).resolve("main", Map.of()).config();
    PrometheusText before = MetricsScrape.scrape(base);

    run(bus, LocalNodeBus.command(key, hash, Phase.START, config));
    PrometheusText running = MetricsScrape.scrape(base);
    assertThat(delta(before, running, "ays_executor_processes", "state", "running")).isEqualTo(1.0);

    ProcessHandle process = processOf(recipe);
    process.destroyForcibly();
    awaitScrape(
        s -> delta(before, s, "ays_executor_process_exits_total", "cause", "crashed") == 1,
        "the crash was not counted");

    run(bus, LocalNodeBus.command(key, hash, Phase.START, config));
    run(bus, LocalNodeBus.command(key, hash, Phase.STOP, config));
    PrometheusText after =
        awaitScrape(
            s ->
                delta(before, s, "ays_executor_process_exits_total", "cause", "stopped") == 1
                    && s.sum("ays_outbox_backlog_messages") == 0,
            "the stop was not counted or the outbox did not drain");

    assertThat(delta(before, after, "ays_executor_restarts_total")).isEqualTo(1.0);
    assertThat(
            delta(
                before,
                after,
                "ays_executor_phase_duration_seconds_count",
                "phase",
                "start",
                "outcome",
                "succeeded"))
        .isEqualTo(2.0);
    assertThat(
            delta(
                before,
                after,
                "ays_executor_phase_duration_seconds_count",
                "phase",
                "stop",
                "outcome",
                "succeeded"))
        .isEqualTo(1.0);
    assertThat(delta(before, after, "ays_executor_command_journal_entries")).isEqualTo(3.0);
    assertThat(after.types()).containsEntry("ays_executor_phase_duration_seconds", "histogram");
    assertThat(after.sum("ays_executor_containment"))
        .as("one series, whose mode label says how services are contained")
        .isEqualTo(1.0);
    MetricsScrape.assertExportsWhatTheListSays(after, "node-executor");
  }

  private static void run(LocalNodeBus bus, PhaseCommand command) throws Exception {
    bus.send(List.of(command));
    PhaseResult result = bus.results(List.of(command)).get(command.commandId());
    assertThat(result.outcome()).as(result.message()).isEqualTo(PhaseOutcome.SUCCEEDED);
  }

  private PrometheusText awaitScrape(Predicate<PrometheusText> condition, String failure)
      throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      PrometheusText scrape = MetricsScrape.scrape(base);
      if (condition.test(scrape)) {
        return scrape;
      }
      Thread.sleep(200);
    }
    throw new AssertionError(failure);
  }

  /** A sleep length no other test uses, so that the process can be told apart by its arguments. */
  private static int uniqueSeconds() {
    return 700 + (int) (Math.random() * 200_000);
  }

  private static ProcessHandle processOf(String recipe) {
    String args = recipe.replaceAll("(?s).*args:'([0-9]+)'.*", "$1");
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().map(c -> c.endsWith("sleep " + args)).orElse(false))
        .findFirst()
        .orElseThrow(() -> new AssertionError("the started process is not running"));
  }

  private static double delta(
      PrometheusText before, PrometheusText after, String name, String... labels) {
    return after.sum(name, labels) - before.sum(name, labels);
  }
}
