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
import io.ays.testing.TestTemplates;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code $(...)} on the node, over a real broker: the default configure renders a template's {@code
 * config.render.N} files with the instance's answers and the node's {@code system.*} keys (also
 * when an actions_node.py override calls {@code super().configure()}), the default start runs a
 * real process whose cmd, args, cwd and env were substituted, and an entry whose source or dest
 * escapes fails the phase naming the entry. Configurations are resolved by the model as the
 * coordinator resolves them.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class ConfigureRendersFilesTest {

  private static final Path DATA = Path.of("target/executor-data").toAbsolutePath().normalize();

  private static final String APP_CONF =
      """
      listen = 127.0.0.1:$(instance.param.port)
      data = $(system.paths.var)/$(service.name)
      home = $(system.paths.instance)
      node = $(system.node.id)
      left = $(no.such.key)
      """;

  private static final String RECIPE =
      """
      config.render.1 =
          source:'conf/app.conf',
          dest:'etc/app.conf',
          mode:'0640',

      config.render.2 =
          source:'conf/app.conf',
          dest:'$(system.paths.cfg)/$(service.name)-$(service.instance)/app.conf',

      process.1 =
          cmd:'sh',
          args:"-c 'echo $(instance.param.port) $WEB_HOME > seen.txt; exec sleep 60'",
          cwd:'$(system.paths.var)/$(service.name)-$(service.instance)',
          env:'WEB_HOME:$(system.paths.instance)',
      """;

  KafkaBroker broker;
  private LocalNodeBus bus;

  @org.junit.jupiter.api.BeforeEach
  void connect() {
    bus = new LocalNodeBus(broker.bootstrapServers());
  }

  @Test
  void configureRendersTheFilesAndStartRunsTheSubstitutedProcess() throws Exception {
    String name = "rendered" + shortId();
    String hash = publish(name, RECIPE, Map.of());
    InstanceKey key = new InstanceKey("demo", name, "main");
    Map<String, Object> config = resolve(name, RECIPE, Map.of("param.port", 7003));

    List<PhaseCommand> commands =
        List.of(
            LocalNodeBus.command(key, hash, Phase.CONFIGURE, config),
            LocalNodeBus.command(key, hash, Phase.START, config),
            LocalNodeBus.command(key, hash, Phase.HALT, config));
    bus.send(commands.subList(0, 2));
    Map<String, PhaseResult> results = bus.results(commands.subList(0, 2));
    PhaseResult configured = results.get(commands.get(0).commandId());
    PhaseResult started = results.get(commands.get(1).commandId());

    Path instanceDir = DATA.resolve("instances/demo__" + name + "__main");
    Path first = instanceDir.resolve("etc/app.conf");
    Path second = DATA.resolve("cfg/" + name + "-main/app.conf");
    String expected =
        "listen = 127.0.0.1:7003\n"
            + "data = "
            + DATA.resolve("var/" + name)
            + "\nhome = "
            + instanceDir
            + "\nnode = local\nleft = $(no.such.key)\n";
    try {
      assertThat(configured.outcome()).as(configured.message()).isEqualTo(PhaseOutcome.SUCCEEDED);
      assertThat(configured.message())
          .isEqualTo(
              "config.render.1: rendered conf/app.conf to "
                  + first
                  + " (mode 0640); config.render.2: rendered conf/app.conf to "
                  + second);
      assertThat(first).hasContent(expected);
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(first)))
          .isEqualTo("rw-r-----");
      assertThat(second).hasContent(expected);

      assertThat(started.outcome()).as(started.message()).isEqualTo(PhaseOutcome.SUCCEEDED);
      Path seen = DATA.resolve("var/" + name + "-main/seen.txt");
      awaitFile(seen);
      assertThat(seen)
          .as("args and env substituted, run in the substituted cwd")
          .hasContent("7003 " + instanceDir + "\n");
    } finally {
      bus.send(commands.subList(2, 3));
      bus.results(commands.subList(2, 3));
    }
  }

  @Test
  void anActionsNodeConfigureCallingSuperStillRendersTheFiles() throws Exception {
    String actions =
        """
        from ays import ActionsBase

        class ActionsNode(ActionsBase):
            def configure(self, serviceObj):
                super().configure(serviceObj)
                with open('etc/app.conf') as f:
                    first = f.readline().strip()
                with open('after-super.txt', 'w') as f:
                    f.write(first)
        """;
    String recipe = "config.render.1 =\n    source:'conf/app.conf',\n    dest:'etc/app.conf',\n";
    String name = "pyrender" + shortId();
    String hash =
        publish(name, recipe, Map.of("actions_node.py", TemplateFile.text(actions, false)));
    InstanceKey key = new InstanceKey("demo", name, "main");
    PhaseCommand configure =
        LocalNodeBus.command(
            key, hash, Phase.CONFIGURE, resolve(name, recipe, Map.of("param.port", 7004)));
    bus.send(List.of(configure));

    PhaseResult result = bus.results(List.of(configure)).get(configure.commandId());

    assertThat(result.outcome()).as(result.message()).isEqualTo(PhaseOutcome.SUCCEEDED);
    Path instanceDir = DATA.resolve("instances/demo__" + name + "__main");
    assertThat(instanceDir.resolve("after-super.txt"))
        .as("super().configure() rendered the file before the override went on")
        .hasContent("listen = 127.0.0.1:7004");
  }

  @Test
  void aSourceOrDestThatEscapesFailsConfigureNamingTheEntry() throws Exception {
    String outside = DATA.getParent().resolve("ays-render-escape-" + shortId()).toString();
    String badDest =
        "config.render.1 =\n    source:'conf/app.conf',\n    dest:'etc/app.conf',\n\n"
            + "config.render.2 =\n    source:'conf/app.conf',\n    dest:'"
            + outside
            + "',\n";
    String badSource = "config.render.1 =\n    source:'../../../x',\n    dest:'etc/x.conf',\n";
    String destName = "escdest" + shortId();
    String sourceName = "escsource" + shortId();
    String destHash = publish(destName, badDest, Map.of());
    String sourceHash = publish(sourceName, badSource, Map.of());
    Map<String, Object> sourceConfig = new LinkedHashMap<>();
    // The model refuses this template; a configuration carrying it anyway is refused on the node.
    sourceConfig.put(
        "service.config.render.1", Map.of("source", "../../../x", "dest", "etc/x.conf"));
    List<PhaseCommand> commands =
        List.of(
            LocalNodeBus.command(
                new InstanceKey("demo", destName, "main"),
                destHash,
                Phase.CONFIGURE,
                resolve(destName, badDest, Map.of("param.port", 1))),
            LocalNodeBus.command(
                new InstanceKey("demo", sourceName, "main"),
                sourceHash,
                Phase.CONFIGURE,
                sourceConfig));
    bus.send(commands);

    Map<String, PhaseResult> results = bus.results(commands);
    PhaseResult dest = results.get(commands.get(0).commandId());
    PhaseResult source = results.get(commands.get(1).commandId());
    assertThat(dest.outcome()).isEqualTo(PhaseOutcome.FAILED);
    assertThat(dest.message())
        .startsWith("config.render.2: dest '" + outside + "' is outside the allowed roots");
    assertThat(Path.of(outside)).doesNotExist();
    assertThat(DATA.resolve("instances/demo__" + destName + "__main/etc/app.conf"))
        .as("nothing is written when one entry is refused")
        .doesNotExist();
    assertThat(source.outcome()).isEqualTo(PhaseOutcome.FAILED);
    assertThat(source.message())
        .contains(
            "service.config.render.1: source '../../../x' must be a file inside the template");
  }

  /** The configuration the coordinator would send, resolved by the model from the recipe. */
  private static Map<String, Object> resolve(
      String name, String recipe, Map<String, Object> answers) {
    ResolvedInstance resolved =
        Template.fromHrd("demo", name, recipe, "param.port = @ASK type:int\n")
            .resolve("main", answers);
    if (!resolved.ok()) {
      throw new AssertionError(resolved.problems());
    }
    return resolved.config();
  }

  private String publish(String name, String recipe, Map<String, TemplateFile> extra)
      throws Exception {
    Map<String, TemplateFile> files = new HashMap<>(extra);
    files.put("conf/app.conf", TemplateFile.text(APP_CONF.stripIndent(), false));
    TemplateDefinition definition =
        new TemplateDefinition(
            "demo",
            name,
            TestTemplates.UNHASHED,
            "file:///test",
            null,
            files,
            recipe,
            "param.port = @ASK type:int\n",
            Instant.now());
    return bus.publishTemplate(definition);
  }

  private static String shortId() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  private static void awaitFile(Path file) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!(Files.exists(file) && file.toFile().length() > 0) && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
  }
}
