package io.ays.executor;

import static org.assertj.core.api.Assertions.assertThat;

import io.ays.contracts.InstanceKey;
import io.ays.contracts.Phase;
import io.ays.contracts.PhaseCommand;
import io.ays.contracts.PhaseOutcome;
import io.ays.contracts.PhaseResult;
import io.ays.contracts.TemplateDefinition;
import io.ays.contracts.TemplateFile;
import io.ays.model.template.ResolvedInstance;
import io.ays.model.template.Template;
import io.ays.testing.KafkaBroker;
import io.ays.testing.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An answer that is an attack on the shell, through the real executor and real processes: the
 * default start runs each process's command line with the answer as one literal word (outside the
 * template's quotes and inside its double quotes), a hook gets it literally in its environment and
 * on stdin with no arguments, and a rendered config file holds it byte for byte. The command the
 * answer carries never runs.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class HostileAnswersTest {

  private static final Path DATA = Path.of("target/executor-data").toAbsolutePath().normalize();

  private static final String INSTANCE_HRD = "param.name = @ASK descr:'any text'\n";

  private static final String RECIPE =
      """
      config.render.1 =
          source:'conf/app.conf',
          dest:'etc/app.conf',

      process.1 =
          cmd:'printf %s',
          args:'$(instance.param.name) > plain.txt; exec sleep 60',

      process.2 =
          cmd:'printf %s',
          args:'"[$(instance.param.name)]" > quoted.txt && exec sleep 60',
      """;

  private static final String HOOK =
      "#!/bin/sh\n"
          + "cat > stdin.json\n"
          + "printf '%s' \"$#\" > hook-args.txt\n"
          + "printf '%s' \"$AYS_CFG_INSTANCE_PARAM_NAME\" > hook-env.txt\n";

  KafkaBroker broker;
  private LocalNodeBus bus;

  @BeforeEach
  void connect() {
    bus = new LocalNodeBus(broker.bootstrapServers());
  }

  @Test
  void aShellAttackInAnAnswerReachesEveryProgramLiterallyAndNeverRuns() throws Exception {
    Path marker = Path.of("/tmp", "pwned-" + UUID.randomUUID());
    String answer =
        "x'; touch "
            + marker
            + "; \"$(touch "
            + marker
            + ")\" `touch "
            + marker
            + "` \\ $HOME & | > ; \n second line";
    String name = "hostile" + UUID.randomUUID().toString().substring(0, 8);
    String hash = publish(name);
    InstanceKey key = new InstanceKey("demo", name, "main");
    ResolvedInstance resolved =
        Template.fromHrd("demo", name, RECIPE, INSTANCE_HRD)
            .resolve("main", Map.of("param.name", answer));
    assertThat(resolved.problems()).isEmpty();
    Map<String, Object> config = resolved.config();
    List<PhaseCommand> commands =
        List.of(
            LocalNodeBus.command(key, hash, Phase.PREPARE, config),
            LocalNodeBus.command(key, hash, Phase.CONFIGURE, config),
            LocalNodeBus.command(key, hash, Phase.START, config),
            LocalNodeBus.command(key, hash, Phase.HALT, config));
    Path instanceDir = DATA.resolve("instances/demo__" + name + "__main");
    try {
      bus.send(commands.subList(0, 3));
      Map<String, PhaseResult> results = bus.results(commands.subList(0, 3));
      for (PhaseCommand command : commands.subList(0, 3)) {
        PhaseResult result = results.get(command.commandId());
        assertThat(result.outcome()).as(result.message()).isEqualTo(PhaseOutcome.SUCCEEDED);
      }
      assertThat(await(instanceDir.resolve("plain.txt"))).isEqualTo(answer);
      assertThat(await(instanceDir.resolve("quoted.txt"))).isEqualTo("[" + answer + "]");
      assertThat(instanceDir.resolve("hook-args.txt")).hasContent("0");
      assertThat(read(instanceDir.resolve("hook-env.txt"))).isEqualTo(answer);
      assertThat(read(instanceDir.resolve("stdin.json")))
          .contains("\"instance.param.name\":\"x'; touch ");
      assertThat(read(instanceDir.resolve("etc/app.conf")))
          .as("a rendered file is data: the answer byte for byte, no shell quoting")
          .isEqualTo("name = " + answer + "\n");
      assertThat(marker).doesNotExist();
    } finally {
      bus.send(commands.subList(3, 4));
      bus.results(commands.subList(3, 4));
    }
  }

  private String publish(String name) throws Exception {
    String hash = (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "");
    TemplateDefinition definition =
        new TemplateDefinition(
            "demo",
            name,
            hash,
            "file:///test",
            null,
            Map.of(
                "conf/app.conf",
                TemplateFile.text("name = $(instance.param.name)\n", false),
                "hooks/prepare",
                TemplateFile.text(HOOK, true)),
            RECIPE,
            INSTANCE_HRD,
            Instant.now());
    // The version commands must name is the content hash of its files, as the registry computes.
    return bus.publishTemplate(definition);
  }

  private static String await(Path file) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!(Files.exists(file) && Files.size(file) > 0) && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    return read(file);
  }

  private static String read(Path file) throws Exception {
    return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
  }
}
