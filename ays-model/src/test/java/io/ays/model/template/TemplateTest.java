package io.ays.model.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplateTest {

  @TempDir Path dir;

  private static final String RECIPE =
      """
      description = 'a web server'
      instances.maxnr = '2'
      platform.supported =
          'linux64',

      dependencies.1 =
          name:'redis',
          instance:'cache',
          args:'dep.args.redis',

      dependencies.2 =
          domain:'other',
          name:'base',

      dependencies.3 = python

      dep.args.redis =
          param.port:'$(instance.param.port)',
          param.mem:'100',

      git.export.1 =
          url:'https://example.org/bin.git',
          source:'bin/*',
          dest:'/opt/web',
          link:'True',
          depth:'1',
          nodirs:'False',

      process.1 =
          cmd:'./web',
          args:'--port $(instance.param.port)',
          ports:'8080;8443',
          prio:'20',
          timeout_start:'30',
          processfilterstr:'web',

      process.2 =
          cmd:'./worker',
          priority:'5',
          filterstr:'worker',
          numprocesses:'2',

      env.process.2 =
          MODE:'fast',
      """;

  @Test
  void aReferenceThatCouldNotBeQuotedInACommandLineIsAProblemOfTheTemplate() {
    Template t =
        Template.fromHrd(
            "demo",
            "tick",
            "process.1 =\n    cmd:'echo `cat $(instance.param.file)`',\n",
            "param.file = @ASK\n");
    assertThat(t.problems())
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .contains("process.1")
        .contains("cmd: $(instance.param.file) stands inside a backquote");
    Template open =
        Template.fromHrd(
            "demo",
            "open",
            "process.1 =\n    cmd:'sh -c \"echo',\n    args:'$(instance.param.file)\"',\n",
            "param.file = @ASK\n");
    assertThat(open.problems())
        .anySatisfy(p -> assertThat(p).contains("cmd: a quote, $(...) or backquote opened in it"));
  }

  @Test
  void loadsAFolderWithItsActionFilesHooksAndOtherFiles() throws IOException {
    Path web = dir.resolve("repo/_servers/web");
    write(web.resolve("service.hrd"), RECIPE);
    write(web.resolve("instance.hrd"), "param.port = @ASK type:int default:8080\n");
    write(web.resolve("actions_mgmt.py"), "class Actions: pass\n");
    write(web.resolve("actions.py"), "class Actions: pass\n");
    write(web.resolve("hooks/start"), "#!/bin/sh\n");
    web.resolve("hooks/start").toFile().setExecutable(true);
    write(web.resolve("hooks/mgmt/configure"), "#!/bin/sh\n");
    web.resolve("hooks/mgmt/configure").toFile().setExecutable(true);
    write(web.resolve("cfg/web.conf"), "port $(instance.param.port)\n");

    List<Template> all = new TemplateLoader().loadAll("demo", dir.resolve("repo"));

    assertThat(all).singleElement().satisfies(t -> assertThat(t.key()).isEqualTo("demo/web"));
    Template t = all.get(0);
    assertThat(t.problems()).isEmpty();
    assertThat(t.warnings()).isEmpty();
    assertThat(t.actionFiles()).containsExactlyInAnyOrder(ActionFile.MGMT, ActionFile.LEGACY);
    assertThat(t.hooks())
        .containsExactly(
            new Hook("configure", "hooks/mgmt/configure", true, true),
            new Hook("start", "hooks/start", false, true));
    assertThat(t.hasManagementActions()).isTrue();
    assertThat(t.otherFiles()).containsExactly("cfg/web.conf");
    assertThat(t.description()).contains("a web server");
    assertThat(t.maxInstances()).contains(2);
    assertThat(t.platforms()).containsExactly("linux64");
    assertThat(t.schema().parameter("param.port")).isPresent();
  }

  @Test
  void processesAreTypedWithDefaultsAliasesAndSortedByPrio() {
    Template t = Template.fromHrd("demo", "web", RECIPE, null);
    assertThat(t.processes())
        .extracting(ProcessSpec::key)
        .containsExactly("process.2", "process.1");
    ProcessSpec web = t.processes().get(1);
    assertThat(web.cmd()).isEqualTo("./web");
    assertThat(web.ports()).containsExactly(8080, 8443);
    assertThat(web.prio()).isEqualTo(20);
    assertThat(web.timeoutStart()).isEqualTo(Duration.ofSeconds(30));
    assertThat(web.timeoutStop()).isEqualTo(ProcessSpec.DEFAULT_TIMEOUT_STOP);
    assertThat(web.filterstr()).isEqualTo("web"); // processfilterstr, as webdis writes it
    ProcessSpec worker = t.processes().get(0);
    assertThat(worker.prio()).isEqualTo(5); // priority, as csagent writes it
    assertThat(worker.env()).isEqualTo(Map.of("MODE", "fast")); // from env.process.2
    assertThat(worker.timeoutStart()).isEqualTo(Duration.ofSeconds(10));
    assertThat(worker.extra()).isEqualTo(Map.of("numprocesses", "2"));
  }

  @Test
  void dependenciesDefaultToTheTemplatesDomainAndMainAndTakeArgsFromTheNamedKey() {
    Template t = Template.fromHrd("demo", "web", RECIPE, null);
    assertThat(t.dependencies())
        .extracting(DependencySpec::instanceKey)
        .containsExactly("demo/redis/cache", "other/base/main", "demo/python/main");
    DependencySpec redis = t.dependencies().get(0);
    assertThat(redis.argsKey()).isEqualTo("dep.args.redis");
    assertThat(redis.args())
        .isEqualTo(Map.of("param.port", "$(instance.param.port)", "param.mem", "100"));
  }

  @Test
  void gitExportsAreTyped() {
    GitExport export = Template.fromHrd("demo", "web", RECIPE, null).gitExports().get(0);
    assertThat(export.url()).isEqualTo("https://example.org/bin.git");
    assertThat(export.source()).isEqualTo("bin/*");
    assertThat(export.dest()).isEqualTo("/opt/web");
    assertThat(export.link()).isTrue();
    assertThat(export.depth()).isEqualTo(1);
    assertThat(export.extra()).isEqualTo(Map.of("nodirs", "False"));
  }

  @Test
  void validationListsEveryProblemWithFileAndLine() {
    Template t =
        Template.fromHrd(
            "demo",
            "bad",
            """
            process.1 =
                args:'--x',

            git.export.1 =
                url:'https://x',

            dependencies.1 =
                instance:'x',

            dependencies.2 =
                name:'y',
                args:'nope',

            instances.maxnr = many
            """,
            "a = @ASK type:colour\n");
    assertThat(t.valid()).isFalse();
    assertThat(t.problems())
        .containsExactlyInAnyOrder(
            "demo/bad/instance.hrd:1: a: unknown @ASK type 'colour'; expected str, password, int,"
                + " float, bool, list, multiline, dict or dropdown",
            "demo/bad/service.hrd:1: process.1: cmd is required (a process the operating system"
                + " starts needs ports or filterstr so that AYS can watch it)",
            "demo/bad/service.hrd:4: git.export.1: dest is required",
            "demo/bad/service.hrd:7: dependencies.1: name is required",
            "demo/bad/service.hrd:10: dependencies.2: args names 'nope', which is not a key of"
                + " this file",
            "demo/bad/service.hrd:14: instances.maxnr: expected a whole number of at least 1");
  }

  @Test
  void aBrokenHrdFileIsAProblemWithLineAndColumn() {
    Template t = Template.fromHrd("demo", "bad", "a = 1\nb 'x'\n", null);
    assertThat(t.problems())
        .containsExactly("demo/bad/service.hrd:2:2: expected '=' after key 'b'");
  }

  @Test
  void aTemplateWithoutServiceHrdIsInvalid() {
    Template t = Template.fromFiles("demo", "x", Map.of("instance.hrd", new byte[0]), Set.of());
    assertThat(t.problems())
        .containsExactly(
            "demo/x/service.hrd: missing (a template is a folder holding service.hrd)");
  }

  @Test
  void anEmptyProcessEntryIsAWarningNotAnError() {
    Template t = Template.fromHrd("demo", "client", "process.1 = \n    cmd:\n", null);
    assertThat(t.problems()).isEmpty();
    assertThat(t.processes()).isEmpty();
    assertThat(t.warnings())
        .containsExactly(
            "demo/client/service.hrd:1: process.1: no cmd, ports or filterstr: nothing to start"
                + " or watch; ignored");
  }

  @Test
  void aProcessWithoutCmdButWithFilterstrIsWatchedOnly() {
    Template t =
        Template.fromHrd(
            "demo", "db", "process.1 =\n    cmd:,\n    filterstr:'mysqld',\n    ports:,\n", null);
    assertThat(t.problems()).isEmpty();
    assertThat(t.processes().get(0).startedByAys()).isFalse();
    assertThat(t.processes().get(0).watchable()).isTrue();
  }

  @Test
  void aSymbolicLinkInTheFolderIsRefusedNamingIt() throws IOException {
    Path web = dir.resolve("web");
    write(web.resolve("service.hrd"), "a = 1\n");
    write(dir.resolve("secret"), "x");
    Files.createSymbolicLink(web.resolve("cfg"), dir.resolve("secret"));
    Template t = new TemplateLoader().load("demo", web);
    assertThat(t.problems())
        .containsExactly(
            "demo/web/cfg: symbolic links are not allowed in a template (not followed)");
    assertThat(t.files()).containsOnlyKeys("service.hrd");
  }

  @Test
  void aPathEscapingTheFolderIsRefusedNamingIt() {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("service.hrd", bytes("a = 1\n"));
    files.put("../../etc/passwd", bytes("x"));
    files.put("/abs", bytes("x"));
    Template t = Template.fromFiles("demo", "web", files, Set.of());
    assertThat(t.problems())
        .containsExactlyInAnyOrder(
            "demo/web/../../etc/passwd: a path with '..', '.' or an empty part could escape the"
                + " template folder",
            "demo/web//abs: an absolute path or a path with '\\' is not allowed in a template");
    assertThat(t.files()).containsOnlyKeys("service.hrd");
  }

  @Test
  void aHookThatIsNotExecutableOrNotAnActionIsAWarning() {
    Map<String, byte[]> files = new TreeMap<>();
    files.put("service.hrd", bytes("a = 1\n"));
    files.put("hooks/start", bytes("#!/bin/sh\n"));
    files.put("hooks/dance", bytes("#!/bin/sh\n"));
    Template t = Template.fromFiles("demo", "web", files, Set.of("hooks/dance"));
    assertThat(t.valid()).isTrue();
    assertThat(t.warnings())
        .containsExactly(
            "demo/web/hooks/dance: 'dance' is not an AYS action; never run",
            "demo/web/hooks/start: not executable; AYS runs it only if it is");
  }

  @Test
  void theContentHashIgnoresFileOrderButNotContentOrNames() {
    Map<String, byte[]> a = new LinkedHashMap<>();
    a.put("service.hrd", bytes("a = 1\n"));
    a.put("cfg/x.conf", bytes("x"));
    Map<String, byte[]> b = new LinkedHashMap<>();
    b.put("cfg/x.conf", bytes("x"));
    b.put("service.hrd", bytes("a = 1\n"));
    String hash = Template.fromFiles("d", "t", a, Set.of()).contentHash();
    assertThat(Template.fromFiles("d", "t", b, Set.of()).contentHash()).isEqualTo(hash);
    assertThat(hash).hasSize(64).matches("[0-9a-f]+");
    b.put("cfg/x.conf", bytes("y"));
    assertThat(Template.fromFiles("d", "t", b, Set.of()).contentHash()).isNotEqualTo(hash);
    Map<String, byte[]> renamed = new LinkedHashMap<>();
    renamed.put("service.hrd", bytes("a = 1\n"));
    renamed.put("cfg/y.conf", bytes("x"));
    assertThat(Template.fromFiles("d", "t", renamed, Set.of()).contentHash()).isNotEqualTo(hash);
  }

  @Test
  void theContentHashIsTheSameFromDiskWhateverTheOrderFilesWereWritten() throws IOException {
    Path one = dir.resolve("one/web");
    Path two = dir.resolve("two/web");
    write(one.resolve("service.hrd"), "a = 1\n");
    write(one.resolve("z.conf"), "z");
    write(two.resolve("z.conf"), "z");
    write(two.resolve("service.hrd"), "a = 1\n");
    TemplateLoader loader = new TemplateLoader();
    assertThat(loader.load("d", one).contentHash()).isEqualTo(loader.load("d", two).contentHash());
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
  }
}
