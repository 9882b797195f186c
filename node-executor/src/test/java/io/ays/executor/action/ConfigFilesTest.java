package io.ays.executor.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ays.contracts.ExecutionRole;
import io.ays.contracts.InstanceKey;
import io.ays.contracts.NodeId;
import io.ays.contracts.Phase;
import io.ays.contracts.PhaseCommand;
import io.ays.contracts.TemplateRef;
import io.ays.executor.binary.ExportException;
import io.ays.executor.binary.ExportPaths;
import io.ays.model.hrd.Substitution;
import io.ays.model.template.ConfigRender;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** config.render.N on real files: substitution, modes, atomic replacement, and the path rules. */
class ConfigFilesTest {

  @TempDir Path tmp;
  private Path data;
  private Path templateDir;
  private Path instanceDir;
  private ConfigFiles files;

  @BeforeEach
  void folders() throws IOException {
    data = tmp.resolve("data");
    templateDir = Files.createDirectories(data.resolve("templates/demo/web/abc"));
    instanceDir = data.resolve("instances/demo__web__main");
    files = new ConfigFiles(new ExportPaths(List.of(data.resolve("cfg"), data.resolve("var"))));
    Files.createDirectories(templateDir.resolve("conf"));
    Files.writeString(
        templateDir.resolve("conf/app.conf"),
        "port = $(instance.param.port)\n"
            + "data = $(system.paths.var)/web\n"
            + "name = $(service.name)\n"
            + "keep = $(no.such.key) $(shell date)\n");
    Files.writeString(templateDir.resolve("conf/run.sh"), "#!/bin/sh\nexec web $(instance.x)\n");
    Files.setPosixFilePermissions(
        templateDir.resolve("conf/run.sh"), PosixFilePermissions.fromString("rwxr-x---"));
  }

  @Test
  void rendersWithTheAnswersAndSystemKeysAndTheModeGiven() throws IOException {
    List<String> done =
        render(
            entry("1", "conf/app.conf", "etc/app.conf", 0640),
            entry("2", "conf/run.sh", "$(system.paths.cfg)/web/run.sh", null));

    Path app = instanceDir.resolve("etc/app.conf");
    assertThat(app)
        .hasContent(
            "port = 7000\n"
                + "data = "
                + data.resolve("var")
                + "/web\n"
                + "name = web\n"
                + "keep = $(no.such.key) $(shell date)\n");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(app)))
        .isEqualTo("rw-r-----");
    Path run = data.resolve("cfg/web/run.sh");
    assertThat(run).hasContent("#!/bin/sh\nexec web $(instance.x)\n");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(run)))
        .as("without mode, the source file's")
        .isEqualTo("rwxr-x---");
    assertThat(done)
        .containsExactly(
            "config.render.1: rendered conf/app.conf to " + app + " (mode 0640)",
            "config.render.2: rendered conf/run.sh to " + run);
  }

  @Test
  void replacesAnExistingFileAndALinkAtDestWithoutWritingThroughIt() throws IOException {
    Path outside = Files.writeString(tmp.resolve("outside.conf"), "not ours");
    Files.createDirectories(instanceDir.resolve("etc"));
    Files.writeString(instanceDir.resolve("etc/app.conf"), "old content that was longer");
    Files.createSymbolicLink(instanceDir.resolve("etc/linked.conf"), outside);

    render(
        entry("1", "conf/app.conf", "etc/app.conf", null),
        entry("2", "conf/app.conf", "etc/linked.conf", null));

    assertThat(instanceDir.resolve("etc/app.conf")).content().startsWith("port = 7000\n");
    assertThat(Files.isSymbolicLink(instanceDir.resolve("etc/linked.conf"))).isFalse();
    assertThat(instanceDir.resolve("etc/linked.conf")).content().startsWith("port = 7000\n");
    assertThat(outside).hasContent("not ours");
    try (Stream<Path> left = Files.list(instanceDir.resolve("etc"))) {
      assertThat(left.map(p -> p.getFileName().toString()))
          .as("no temporary file is left behind")
          .containsExactlyInAnyOrder("app.conf", "linked.conf");
    }
  }

  @Test
  void aSourceOutsideTheTemplateFolderIsRefusedNamingTheEntryAndField() throws IOException {
    Files.writeString(tmp.resolve("secret"), "secret");
    Files.createSymbolicLink(templateDir.resolve("conf/escape.conf"), tmp.resolve("secret"));

    assertThatThrownBy(() -> render(entry("3", "../../../../secret", "x.conf", null)))
        .isInstanceOf(ExportException.class)
        .hasMessage(
            "config.render.3: source '../../../../secret' must be a path inside the template"
                + " folder");
    assertThatThrownBy(() -> render(entry("1", "/etc/passwd", "x.conf", null)))
        .hasMessage(
            "config.render.1: source '/etc/passwd' must be a path inside the template folder");
    assertThatThrownBy(() -> render(entry("1", "conf/escape.conf", "x.conf", null)))
        .hasMessage(
            "config.render.1: source 'conf/escape.conf' leads out of the template folder by a link");
    assertThatThrownBy(() -> render(entry("1", "conf/none.conf", "x.conf", null)))
        .hasMessage(
            "config.render.1: source 'conf/none.conf' does not exist in the template folder");
    assertThatThrownBy(() -> render(entry("1", "conf", "x.conf", null)))
        .hasMessage("config.render.1: source 'conf' is not a file");
    assertThat(instanceDir.resolve("x.conf")).doesNotExist();
  }

  @Test
  void aDestOutsideTheAllowedRootsIsRefusedBeforeAnythingIsWritten() throws IOException {
    Files.createDirectories(instanceDir);
    Files.createSymbolicLink(instanceDir.resolve("out"), tmp);

    assertThatThrownBy(
            () ->
                render(
                    entry("1", "conf/app.conf", "etc/app.conf", null),
                    entry("2", "conf/app.conf", tmp.resolve("elsewhere.conf").toString(), null)))
        .isInstanceOf(ExportException.class)
        .hasMessageStartingWith(
            "config.render.2: dest '"
                + tmp.resolve("elsewhere.conf")
                + "' is outside the allowed"
                + " roots");
    assertThat(instanceDir.resolve("etc/app.conf"))
        .as("checked up front: the good entry was not written either")
        .doesNotExist();
    assertThatThrownBy(() -> render(entry("1", "conf/app.conf", "../other/app.conf", null)))
        .hasMessage("config.render.1: dest '../other/app.conf' must not contain '..'");
    assertThatThrownBy(() -> render(entry("1", "conf/app.conf", "out/app.conf", null)))
        .hasMessageStartingWith(
            "config.render.1: dest 'out/app.conf' is outside the allowed roots");
    assertThat(tmp.resolve("app.conf")).doesNotExist();
  }

  @Test
  void entriesReadFromTheConfigurationAreRendered() throws IOException {
    Map<String, Object> config = new LinkedHashMap<>(context().config());
    config.put(
        "service.config.render.1",
        Map.of("source", "conf/app.conf", "dest", "$(system.paths.var)/web.conf", "mode", "600"));
    ActionContext context = context();
    ActionContext withEntry =
        new ActionContext(
            context.command(),
            context.templateDir(),
            context.instanceDir(),
            context.logDir(),
            ConfigRenderer.render("demo/web/main", config, Map.of()));

    files.render(ConfigViews.configRenders(withEntry), withEntry);

    assertThat(data.resolve("var/web.conf")).content().startsWith("port = 7000\n");
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(data.resolve("var/web.conf"))))
        .isEqualTo("rw-------");
  }

  @Test
  void aBinarySourceIsRefusedNamingTheEntry() throws IOException {
    Files.write(templateDir.resolve("conf/logo.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', -1});

    assertThatThrownBy(() -> render(entry("1", "conf/logo.png", "logo.png", null)))
        .hasMessage(
            "config.render.1: source 'conf/logo.png' is not UTF-8 text; only text is rendered");
  }

  /**
   * Renders entries built here rather than read from the configuration, so that the executor's own
   * checks are tested: the model already refuses a source with '..' (ConfigRenderTest in
   * ays-model).
   */
  private List<String> render(ConfigRender... renders) {
    return files.render(List.of(renders), context());
  }

  private ConfigRender entry(String n, String source, String dest, Integer mode) {
    return new ConfigRender(
        "service.config.render." + n,
        source,
        Substitution.apply(dest, context().config()),
        mode,
        Map.of());
  }

  private ActionContext context() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("instance.param.port", 7000);
    config.put("service.name", "web");
    Map<String, Object> rendered =
        ConfigRenderer.render(
            "demo/web/main",
            config,
            ConfigRenderer.systemKeys(
                "local", data, instanceDir, data.resolve("logs/demo__web__main")));
    PhaseCommand command =
        new PhaseCommand(
            UUID.randomUUID() + "/1/1",
            UUID.randomUUID(),
            1,
            1,
            new InstanceKey("demo", "web", "main"),
            NodeId.of("local"),
            ExecutionRole.NODE,
            Phase.CONFIGURE,
            new TemplateRef("demo", "web", "0".repeat(64)),
            config,
            60,
            Instant.now().plusSeconds(60));
    return new ActionContext(command, templateDir, instanceDir, data.resolve("logs"), rendered);
  }
}
