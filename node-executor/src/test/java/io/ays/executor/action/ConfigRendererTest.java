package io.ays.executor.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ays.contracts.ExecutionRole;
import io.ays.contracts.InstanceKey;
import io.ays.contracts.NodeId;
import io.ays.contracts.Phase;
import io.ays.contracts.PhaseCommand;
import io.ays.contracts.TemplateRef;
import io.ays.model.template.ProcessSpec;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The node's finishing of a configuration: system keys, and what the process views see. */
class ConfigRendererTest {

  private static final Path DATA = Path.of("/srv/ays");
  private static final Map<String, Object> SYSTEM =
      ConfigRenderer.systemKeys(
          "n1",
          DATA,
          DATA.resolve("instances/demo__web__main"),
          DATA.resolve("logs/demo__web__main"));

  @Test
  void systemPathsAreTheExecutorsFolders() {
    assertThat(SYSTEM)
        .containsEntry("system.node.id", "n1")
        .containsEntry("system.paths.base", "/srv/ays")
        .containsEntry("system.paths.app", "/srv/ays/apps")
        .containsEntry("system.paths.cfg", "/srv/ays/cfg")
        .containsEntry("system.paths.var", "/srv/ays/var")
        .containsEntry("system.paths.instance", "/srv/ays/instances/demo__web__main")
        .containsEntry("system.paths.log", "/srv/ays/logs/demo__web__main");
  }

  @Test
  void cmdArgsCwdAndEnvOfAProcessAreSubstitutedWithAnswersAndSystemKeys() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("instance.param.port", 8080);
    config.put("instance.param.name", "$(system.node.id)-web");
    config.put(
        "service.process.1",
        Map.of(
            "cmd", "$(system.paths.app)/web/bin/web",
            "args", "--port $(instance.param.port) --conf $(system.paths.cfg)/web.conf $(x.y)",
            "cwd", "$(system.paths.var)/web",
            "env", Map.of("WEB_NAME", "$(instance.param.name)", "WEB_LOG", "$(system.paths.log)"),
            "ports", "$(instance.param.port)"));

    Map<String, Object> rendered = ConfigRenderer.render("demo/web/main", config, SYSTEM);
    ProcessSpec process = ConfigViews.processes(context(rendered)).get(0);

    // cmd and args are shell text: each substituted value is one quoted word
    assertThat(process.cmd()).isEqualTo("'/srv/ays/apps'/web/bin/web");
    assertThat(process.args())
        .as("an unknown key stays as written")
        .isEqualTo("--port '8080' --conf '/srv/ays/cfg'/web.conf $(x.y)");
    assertThat(process.cwd()).isEqualTo("/srv/ays/var/web");
    assertThat(process.env())
        .isEqualTo(Map.of("WEB_NAME", "n1-web", "WEB_LOG", "/srv/ays/logs/demo__web__main"));
    assertThat(process.ports()).containsExactly(8080);
  }

  @Test
  void aReferenceCycleIsABadConfigurationNamingIt() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("instance.a", "$(instance.b)");
    config.put("instance.b", "x$(instance.a)");

    assertThatThrownBy(() -> ConfigRenderer.render("demo/web/main", config, SYSTEM))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("demo/web/main: reference cycle");
  }

  private static ActionContext context(Map<String, Object> config) {
    PhaseCommand command =
        new PhaseCommand(
            UUID.randomUUID() + "/1/1",
            UUID.randomUUID(),
            1,
            1,
            new InstanceKey("demo", "web", "main"),
            NodeId.of("n1"),
            ExecutionRole.NODE,
            Phase.START,
            new TemplateRef("demo", "web", "0".repeat(64)),
            config,
            60,
            Instant.now().plusSeconds(60));
    return new ActionContext(command, DATA, DATA, DATA, config);
  }
}
