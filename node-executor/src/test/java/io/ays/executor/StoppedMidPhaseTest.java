package io.ays.executor;

import static org.assertj.core.api.Assertions.assertThat;

import io.ays.contracts.InstanceKey;
import io.ays.contracts.Phase;
import io.ays.contracts.PhaseCommand;
import io.ays.contracts.PhaseOutcome;
import io.ays.contracts.PhaseResult;
import io.ays.contracts.TemplateDefinition;
import io.ays.contracts.TemplateFile;
import io.ays.executor.shutdown.GracefulStop;
import io.ays.testing.KafkaBroker;
import io.ays.testing.KafkaTestResource;
import io.ays.testing.TestTemplates;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An executor stopped while a phase runs does not go silent: once the shutdown's wait for the phase
 * is over, the phase is answered FAILED with the reason (the coordinator retries it once the
 * executor is back, instead of waiting for the step's deadline), and the command channel is free
 * again. The shutdown calls the same {@link GracefulStop#finishOrAbandon} with its configured wait
 * (15s); here the wait is short.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class StoppedMidPhaseTest {

  // exec: the pid written is the sleeping process's, which the test ends afterwards.
  private static final String HOOK = "#!/bin/sh\necho $$ > hook.pid\nexec sleep 300\n";

  KafkaBroker broker;
  @Inject GracefulStop stop;

  private Path pidFile;

  @AfterEach
  void endTheAbandonedHook() throws Exception {
    if (pidFile != null && Files.exists(pidFile)) {
      long pid = Long.parseLong(Files.readString(pidFile).trim());
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }
  }

  @Test
  void aPhaseStillRunningWhenTheExecutorStopsIsAnsweredAsAbandoned() throws Exception {
    LocalNodeBus bus = new LocalNodeBus(broker.bootstrapServers());
    String name = "stopping-" + UUID.randomUUID().toString().substring(0, 8);
    String hash =
        bus.publishTemplate(
            new TemplateDefinition(
                "demo",
                name,
                TestTemplates.UNHASHED,
                "file:///test",
                null,
                Map.of("hooks/configure", TemplateFile.text(HOOK, true)),
                "description = 'a configure that outlasts the executor'\n",
                null,
                Instant.now()));
    InstanceKey key = new InstanceKey("demo", name, "main");
    pidFile = Path.of("target/executor-data/instances/demo__" + name + "__main/hook.pid");
    PhaseCommand configure = LocalNodeBus.command(key, hash, Phase.CONFIGURE, Map.of());
    bus.send(List.of(configure));
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!Files.exists(pidFile) && System.nanoTime() < deadline) {
      Thread.sleep(100); // polling for the hook to start; the wait is bounded by the deadline
    }
    assertThat(pidFile).as("the hook began").exists();

    assertThat(stop.finishOrAbandon(Duration.ofMillis(500))).isEqualTo(1);

    PhaseResult result = bus.results(List.of(configure)).get(configure.commandId());
    assertThat(result.outcome()).isEqualTo(PhaseOutcome.FAILED);
    assertThat(result.message())
        .contains("the executor was stopped while running configure")
        .contains("abandoned");

    PhaseCommand next = LocalNodeBus.command(key, hash, Phase.CHECK_DOWN, Map.of());
    bus.send(List.of(next));
    assertThat(bus.results(List.of(next)))
        .as("the command channel is free again: the next command is taken")
        .containsKey(next.commandId());
  }
}
