package io.ays.executor.python;

import static org.assertj.core.api.Assertions.assertThat;

import io.ays.contracts.EventJson;
import io.ays.contracts.ExecutionRole;
import io.ays.contracts.InstanceKey;
import io.ays.contracts.NodeId;
import io.ays.contracts.Phase;
import io.ays.contracts.PhaseCommand;
import io.ays.contracts.PhaseOutcome;
import io.ays.contracts.TemplateRef;
import io.ays.executor.action.ActionContext;
import io.ays.executor.action.ActionOutcome;
import io.ays.executor.action.ConfigFiles;
import io.ays.executor.action.DefaultActions;
import io.ays.executor.action.InstanceOverrides;
import io.ays.executor.binary.ExportPaths;
import io.ays.executor.binary.GitCache;
import io.ays.executor.binary.GitExporter;
import io.ays.executor.binary.GitSources;
import io.ays.executor.node.NodePlatform;
import io.ays.executor.process.PortProbe;
import io.ays.executor.process.ProcessRegistry;
import io.ays.executor.process.ProcessSupervisor;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A template's actions_node.py run by the shipped runner with real python3, calling AYS's real
 * default actions back (a real HTTP server process started and stopped by the default start/stop).
 */
class PythonActionsTest {

  private static final String ACTIONS =
      """
      from JumpScale import j
      ActionsBase = j.atyourservice.getActionsBaseClassNode()

      class Actions(ActionsBase):
          def configure(self, serviceObj):
              port = self.hrd.getInt('instance.param.port')
              with open('app.conf', 'w') as f:
                  f.write('listen %d\\n' % port)
              self.hrd.set('instance.configured', 'yes')
              print('configured for port', port)
              return True

          def start(self, serviceObj):
              print('before the default start')
              super().start(serviceObj)
              self.run('echo started > started.txt')
              return True

          def stop(self):
              raise RuntimeError('refusing to stop on purpose')
      """;

  @TempDir Path tmp;
  private ProcessSupervisor supervisor;
  private DefaultActions defaults;
  private PythonActions python;
  private Path templateDir;
  private Path instanceDir;
  private int port;

  @BeforeEach
  void setUp() throws IOException {
    supervisor = new ProcessSupervisor(new ProcessRegistry(tmp.resolve("supervised")), 1 << 20, 2);
    ExportPaths paths = new ExportPaths(java.util.List.of(tmp.resolve("var")));
    defaults =
        new DefaultActions(
            supervisor,
            new GitExporter(
                new GitCache(tmp.resolve("git")),
                paths,
                NodePlatform.current(),
                new GitSources(Optional.empty(), List.of(), true, false)),
            new ConfigFiles(paths));
    python = new PythonActions("python3", tmp, EventJson.newObjectMapper());
    templateDir = Files.createDirectories(tmp.resolve("template"));
    Files.writeString(templateDir.resolve("actions_node.py"), ACTIONS.stripIndent());
    instanceDir = tmp.resolve("instances/demo__web__main");
    port = freePort();
  }

  @AfterEach
  void cleanUp() {
    supervisor.halt("demo/web/main", Duration.ofSeconds(5));
  }

  @Test
  void overriddenMethodsRunAndCallTheDefaultBack() throws Exception {
    ActionOutcome configured = run(Phase.CONFIGURE, config());
    assertThat(configured.outcome()).isEqualTo(PhaseOutcome.SUCCEEDED);
    assertThat(instanceDir.resolve("app.conf")).hasContent("listen " + port + "\n");
    assertThat(configured.outputTail()).contains("configured for port " + port);
    assertThat(InstanceOverrides.load(instanceDir))
        .as("a value set on self.hrd flows back for later commands")
        .containsEntry("instance.configured", "yes");

    ActionOutcome started = run(Phase.START, config());
    assertThat(started.outcome()).as(started.message()).isEqualTo(PhaseOutcome.SUCCEEDED);
    assertThat(new PortProbe("127.0.0.1").isOpen(port))
        .as("super().start() ran the default start of process.1")
        .isTrue();
    assertThat(instanceDir.resolve("started.txt")).hasContent("started\n");

    ActionOutcome checked = run(Phase.CHECK_UP, config());
    assertThat(checked.up()).as("check_up is not overridden: the default answers").isTrue();
  }

  @Test
  void aFailingMethodReportsExitStatusErrorAndTraceback() throws Exception {
    ActionOutcome stopped = run(Phase.STOP, config());

    assertThat(stopped.outcome()).isEqualTo(PhaseOutcome.FAILED);
    assertThat(stopped.exitCode()).isEqualTo(1);
    assertThat(stopped.message())
        .contains("actions_node.py stop failed (exit 1, ")
        .contains("RuntimeError: refusing to stop on purpose");
    assertThat(stopped.outputTail()).contains("Traceback").contains("refusing to stop");
  }

  @Test
  void aMissingActionsClassIsNamed() throws Exception {
    Files.writeString(templateDir.resolve("actions_node.py"), "x = 1\n");

    ActionOutcome outcome = run(Phase.CONFIGURE, config());

    assertThat(outcome.outcome()).isEqualTo(PhaseOutcome.FAILED);
    assertThat(outcome.message()).contains("actions_node.py: no class named Actions... found");
  }

  @Test
  void theTemplateLevelBuildRunsActionsTmplPyAndOnlyThere() throws Exception {
    Files.writeString(
        templateDir.resolve("actions_tmpl.py"),
        """
        from JumpScale import j
        ActionsBase = j.atyourservice.getActionsBaseClassTmpl()

        class Actions(ActionsBase):
            def build(self, serviceObj):
                self.run('printf "port %s" > built.txt' % self.hrd.get('instance.param.port'))
                print('built')
                return True
        """
            .stripIndent());

    assertThat(ActionFiles.forCommand(templateDir, ExecutionRole.NODE, Phase.BUILD))
        .contains(templateDir.resolve("actions_tmpl.py"));
    assertThat(ActionFiles.forCommand(templateDir, ExecutionRole.NODE, Phase.CONFIGURE))
        .as("instance actions never come from actions_tmpl.py")
        .contains(templateDir.resolve("actions_node.py"));
    Files.delete(templateDir.resolve("actions_node.py"));
    assertThat(ActionFiles.forCommand(templateDir, ExecutionRole.NODE, Phase.START)).isEmpty();

    ActionOutcome built = run("actions_tmpl.py", Phase.BUILD, config());

    assertThat(built.outcome()).as(built.message()).isEqualTo(PhaseOutcome.SUCCEEDED);
    assertThat(built.message()).startsWith("actions_tmpl.py build succeeded");
    assertThat(instanceDir.resolve("built.txt")).hasContent("port " + port);
    assertThat(built.outputTail()).contains("built");
  }

  @Test
  void aFailingBuildReportsExitStatusAndTheCommandsError() throws Exception {
    Files.writeString(
        templateDir.resolve("actions_tmpl.py"),
        """
        from ays import ActionsBase

        class ActionsTmpl(ActionsBase):
            def build(self, serviceObj):
                self.run('echo "cc: no such file: main.c" >&2; exit 2')
        """
            .stripIndent());

    ActionOutcome built = run("actions_tmpl.py", Phase.BUILD, config());

    assertThat(built.outcome()).isEqualTo(PhaseOutcome.FAILED);
    assertThat(built.exitCode()).isEqualTo(1);
    assertThat(built.message()).contains("actions_tmpl.py build failed (exit 1, ");
    assertThat(built.outputTail()).contains("cc: no such file: main.c");
  }

  private ActionOutcome run(Phase phase, Map<String, Object> config) throws Exception {
    return run("actions_node.py", phase, config);
  }

  private ActionOutcome run(String actionsFile, Phase phase, Map<String, Object> config)
      throws Exception {
    ActionContext context =
        new ActionContext(
            command(phase, config), templateDir, instanceDir, tmp.resolve("logs"), config);
    return python.run(templateDir.resolve(actionsFile), context, defaults::run);
  }

  private Map<String, Object> config() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("instance.param.port", port);
    config.put(
        "service.process.1",
        Map.of(
            "cmd",
            "python3",
            "args",
            "-m http.server " + port + " --bind 127.0.0.1",
            "ports",
            String.valueOf(port),
            "timeout_start",
            "20"));
    return config;
  }

  private static PhaseCommand command(Phase phase, Map<String, Object> config) {
    return new PhaseCommand(
        UUID.randomUUID() + "/1/1",
        UUID.randomUUID(),
        1,
        1,
        new InstanceKey("demo", "web", "main"),
        NodeId.of("local"),
        ExecutionRole.NODE,
        phase,
        new TemplateRef("demo", "web", "0".repeat(64)),
        config,
        60,
        Instant.now().plusSeconds(60));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
