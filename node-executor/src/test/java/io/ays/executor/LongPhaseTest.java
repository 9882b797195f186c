package io.ays.executor;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.ays.contracts.EventCodec;
import io.ays.contracts.InstanceKey;
import io.ays.contracts.Phase;
import io.ays.contracts.PhaseCommand;
import io.ays.contracts.PhaseOutcome;
import io.ays.contracts.PhaseResult;
import io.ays.contracts.TemplateDefinition;
import io.ays.contracts.TemplateFile;
import io.ays.testing.KafkaBroker;
import io.ays.testing.KafkaTestResource;
import io.ays.testing.TestTemplates;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;

/**
 * A phase that runs for minutes is not mistaken for a stuck consumer: a hook of 65 s (longer than
 * the 60 s after which a Kafka consumer used to be declared stalled) runs once and succeeds, the
 * executor stays ready all along, no rebalance hands its command to anyone again, and the next
 * command is taken once it is done.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class LongPhaseTest {

  private static final int HOOK_SECONDS = 65;
  private static final String HOOK =
      "#!/bin/sh\necho \"$AYS_COMMAND_ID\" >> executions.log\nsleep " + HOOK_SECONDS + "\n";

  KafkaBroker broker;

  private final EventCodec codec = new EventCodec();

  @Test
  void aPhaseLongerThanAMinuteRunsOnceAndTheExecutorStaysReady() throws Exception {
    LocalNodeBus bus = new LocalNodeBus(broker.bootstrapServers());
    String hash =
        bus.publishTemplate(
            new TemplateDefinition(
                "demo",
                "slow",
                TestTemplates.UNHASHED,
                "file:///test",
                null,
                Map.of("hooks/configure", TemplateFile.text(HOOK, true)),
                "description = 'a configure that takes its time'\n",
                null,
                Instant.now()));
    InstanceKey key = new InstanceKey("demo", "slow", "main");
    PhaseCommand slow = longCommand(LocalNodeBus.command(key, hash, Phase.CONFIGURE, Map.of()));
    PhaseCommand next = LocalNodeBus.command(key, hash, Phase.CHECK_DOWN, Map.of());
    bus.send(List.of(slow, next));

    List<PhaseResult> resultsOfSlow = new ArrayList<>();
    PhaseResult resultOfNext = null;
    List<String> notReady = new ArrayList<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(HOOK_SECONDS + 90).toNanos();
    try (KafkaConsumer<String, String> consumer = bus.consumer()) {
      consumer.subscribe(List.of("ays.results"));
      // The next command is the later marker: once its result is in, the slow one's results are.
      while (resultOfNext == null && System.nanoTime() < deadline) {
        for (var record : consumer.poll(Duration.ofMillis(500))) {
          PhaseResult result = codec.decode(record.value()).as(PhaseResult.class).data();
          if (result.commandId().equals(slow.commandId())) {
            resultsOfSlow.add(result);
          } else if (result.commandId().equals(next.commandId())) {
            resultOfNext = result;
          }
        }
        var ready = given().get("/q/health/ready");
        if (ready.statusCode() != 200) {
          notReady.add(Instant.now() + " " + ready.statusCode() + " " + ready.asString());
        }
      }
    }

    assertThat(resultOfNext).as("the command after the long phase was taken").isNotNull();
    assertThat(resultsOfSlow).as("results of the long phase").hasSize(1);
    assertThat(resultsOfSlow.get(0).outcome())
        .as(resultsOfSlow.get(0).message())
        .isEqualTo(PhaseOutcome.SUCCEEDED);
    assertThat(resultsOfSlow.get(0).durationMs()).isGreaterThanOrEqualTo(HOOK_SECONDS * 1000L);
    assertThat(notReady).as("readiness answers other than UP during the long phase").isEmpty();
    Path executions = Path.of("target/executor-data/instances/demo__slow__main/executions.log");
    assertThat(Files.readAllLines(executions))
        .as("the hook ran once for its command id")
        .containsExactly(slow.commandId());
  }

  /** {@code command} with a timeout and a deadline that leave room for the slow hook. */
  private static PhaseCommand longCommand(PhaseCommand command) {
    return new PhaseCommand(
        command.commandId(),
        command.runId(),
        command.step(),
        command.attempt(),
        command.instanceKey(),
        command.node(),
        command.role(),
        command.phase(),
        command.template(),
        command.config(),
        HOOK_SECONDS + 60,
        Instant.now().plusSeconds(HOOK_SECONDS + 120));
  }
}
