package io.ays.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.ays.cli.AysCommand;
import io.ays.cli.Endpoints;
import io.ays.cli.ExitCodes;
import io.ays.cli.Main;
import io.ays.cli.request.RequestFactory;
import io.ays.contracts.InstanceKey;
import io.ays.contracts.NodeId;
import io.ays.contracts.RequestAction;
import io.ays.contracts.ServiceRequest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/** How the command line is read and mapped onto the request payload, without any service. */
class CommandLineTest {

  private CommandLine cli = Main.commandLine();

  @Test
  void installFlagsMapOntoTheRequestPayload() {
    ActionCommand install =
        action(
            "install",
            "e2e/hello-http",
            "-i",
            "blue",
            "--node",
            "node7",
            "--data",
            "param.port:8090 param.name:'a b'",
            "--data",
            "instance.param.debug:yes",
            "--nodeps",
            "-r",
            "--no-start",
            "--reason",
            "first");
    InstanceKey key = install.request.target().key();
    ServiceRequest request = RequestFactory.build(key, install.request, install.noStart());

    assertThat(install.action()).isEqualTo(RequestAction.INSTALL);
    assertThat(key.toString()).isEqualTo("e2e/hello-http/blue");
    assertThat(request.node()).isEqualTo(NodeId.of("node7"));
    assertThat(request.answers())
        .isEqualTo(Map.of("param.port", "8090", "param.name", "a b", "param.debug", "yes"));
    assertThat(request.noDeps()).isTrue();
    assertThat(request.force()).isTrue();
    assertThat(request.noStart()).isTrue();
    assertThat(request.reason()).isEqualTo("first");
  }

  @Test
  void eachLifecycleCommandHasItsAction() {
    assertThat(action("start", "a/b").action()).isEqualTo(RequestAction.START);
    assertThat(action("stop", "a/b").action()).isEqualTo(RequestAction.STOP);
    assertThat(action("restart", "a/b").action()).isEqualTo(RequestAction.RESTART);
    assertThat(action("configure", "a/b").action()).isEqualTo(RequestAction.CONFIGURE);
    assertThat(action("uninstall", "a/b").action()).isEqualTo(RequestAction.UNINSTALL);
    assertThat(action("build", "a/b").action()).isEqualTo(RequestAction.BUILD);
    assertThat(action("stop", "a/b").noStart()).isFalse();
  }

  @Test
  void theOriginalsVerbsMapOntoAysRequests() {
    ActionCommand prepare = action("prepare", "a/b");
    assertThat(prepare.action()).isEqualTo(RequestAction.INSTALL);
    assertThat(prepare.noStart()).isTrue();
    assertThat(action("mdupdate", "a/b").action()).isEqualTo(RequestAction.CONFIGURE);
  }

  @Test
  void theOriginalsRemovedataIsItsOwnRequestAndResetAsksTheCoordinator() {
    ActionCommand removedata = action("removedata", "a/b", "-i", "x");
    assertThat(removedata.action()).isEqualTo(RequestAction.REMOVEDATA);
    assertThat(removedata.request.target().instance()).isEqualTo("x");
    // reset is a call on the coordinator, not a request: with none there, it says where it looked.
    Run reset = run("reset", "a/b", "-i", "x", "--coordinator", "http://127.0.0.1:1");
    assertThat(reset.code).isEqualTo(ExitCodes.UNREACHABLE);
    assertThat(reset.err).startsWith("ays: cannot reach the coordinator at http://127.0.0.1:1");
    Run badName = run("reset", "a/b", "-i", "no!pe", "--coordinator", "http://127.0.0.1:1");
    assertThat(badName.code).isEqualTo(ExitCodes.USAGE);
    assertThat(badName.err).contains("no!pe");
  }

  @Test
  void theParentIsTheOriginalsRoleBangInstanceOrAKeyAndTargetnameIsTheNode() {
    ActionCommand install =
        action("install", "e2e/app", "--parent", "e2e/node.docker!web1", "--targetname", "web1");
    InstanceKey parent = install.request.parentTarget().key();
    ServiceRequest request =
        RequestFactory.build(
            install.request.target().key(), install.request, install.noStart(), parent);
    assertThat(request.parent()).isEqualTo(new InstanceKey("e2e", "node.docker", "web1"));
    assertThat(request.node()).isEqualTo(NodeId.of("web1"));

    ActionCommand byKey = action("install", "e2e/app", "--parent", "e2e/node.docker/web2");
    assertThat(byKey.request.parentTarget().key().toString()).isEqualTo("e2e/node.docker/web2");
    // without a domain it is looked up among instances, as for NAME
    assertThat(action("install", "e2e/app", "--parent", "node.docker!web3").request.parentTarget())
        .isEqualTo(new io.ays.cli.request.Target(null, "node.docker", "web3"));

    Run bad = run("install", "e2e/app", "--parent", "node.docker!");
    assertThat(bad.code).isEqualTo(ExitCodes.USAGE);
    assertThat(bad.err).contains("--parent: 'node.docker!' is not role!instance");
  }

  @Test
  void theOriginalsDashNNameIsAccepted() {
    ActionCommand stop = action("stop", "-n", "hello-http", "-d", "e2e");
    assertThat(stop.request.target().key().toString()).isEqualTo("e2e/hello-http/main");
  }

  @Test
  void globalOptionsMayComeAfterTheSubcommand() {
    cli.parseArgs("status", "--kafka", "k:1", "--coordinator", "http://c:2/");
    Endpoints endpoints = ((AysCommand) cli.getCommand()).endpoints();
    assertThat(endpoints.kafka()).isEqualTo("k:1");
    assertThat(endpoints.coordinator().toString()).isEqualTo("http://c:2");
  }

  @Test
  void globalOptionsMayComeBeforeIt() {
    cli.parseArgs("--monitor", "http://m:3", "nodes");
    assertThat(((AysCommand) cli.getCommand()).endpoints().monitor().toString())
        .isEqualTo("http://m:3");
  }

  @Test
  void aBadDataOptionIsAUsageErrorNamingThePart() {
    Run run = run("install", "e2e/x", "--data", "param.port:1 oops");
    assertThat(run.code).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err).contains("--data").contains("'oops' has no ':'");
    assertThat(run.err).contains("Try 'ays install --help'");
  }

  @Test
  void aKeyGivenInTwoDataOptionsIsNamed() {
    Run run = run("plan", "e2e/x", "--data", "a:1", "--data", "a:2");
    assertThat(run.code).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err).contains("--data: 'a' is given twice");
  }

  @Test
  void aBadNodeIsNamed() {
    Run run = run("install", "e2e/x", "--node", "Node.1");
    assertThat(run.code).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err).contains("--node: 'Node.1' is not a node id");
  }

  @Test
  void aBadUrlIsNamed() {
    Run run = run("status", "--coordinator", "127.0.0.1:8082");
    assertThat(run.code).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err).contains("--coordinator: '127.0.0.1:8082' is not an http(s) URL");
  }

  @Test
  void anUnreachableServiceIsOneLineNamingItsAddress() {
    // Port 1 on the loopback: nothing listens there.
    Run run = run("status", "--coordinator", "http://127.0.0.1:1");
    assertThat(run.code).isEqualTo(ExitCodes.UNREACHABLE);
    assertThat(run.err)
        .startsWith("ays: cannot reach the coordinator at http://127.0.0.1:1")
        .contains("AYS_COORDINATOR_URL")
        .doesNotContain("Exception");
  }

  @Test
  void helpIsEverywhere() {
    for (String command :
        new String[] {
          "install",
          "start",
          "stop",
          "restart",
          "configure",
          "uninstall",
          "build",
          "plan",
          "status",
          "list",
          "runs",
          "logs",
          "watch",
          "nodes",
          "templates",
          "prepare",
          "update",
          "mdupdate",
          "reset",
          "removedata",
          "dead-letters"
        }) {
      Run run = run(command, "--help");
      assertThat(run.code).as(command).isEqualTo(ExitCodes.OK);
      assertThat(run.out).as(command).contains("Usage: ays " + command);
    }
    assertThat(run("templates", "sync", "--help").out).contains("Usage: ays templates sync");
    for (String sub : new String[] {"list", "show", "replay"}) {
      assertThat(run("dead-letters", sub, "--help").out).contains("Usage: ays dead-letters " + sub);
    }
  }

  @Test
  void theCompletionScriptCompletesEveryCommandAndTheOutputFormats() {
    Run completion = run("generate-completion");

    assertThat(completion.code).isEqualTo(ExitCodes.OK);
    assertThat(completion.out)
        .contains("complete -F _complete_ays")
        .contains("dead-letters")
        .contains("trace")
        .contains("replay")
        .contains("--step-output")
        .contains("--output");
  }

  @Test
  void anUnknownOutputFormatIsNamed() {
    Run nodes = run("nodes", "-o", "xml");

    assertThat(nodes.code).isEqualTo(ExitCodes.USAGE);
    assertThat(nodes.err).contains("'xml' is not an output format (table, json or yaml)");
  }

  @Test
  void deadLetterMistakesAreNamedBeforeKafkaIsAsked() {
    Run everything = run("dead-letters", "replay", "--yes");
    assertThat(everything.code).isEqualTo(ExitCodes.USAGE);
    assertThat(everything.err).contains("replay needs dead letter IDs or a filter");

    Run badSince = run("dead-letters", "list", "--since", "yesterday");
    assertThat(badSince.code).isEqualTo(ExitCodes.USAGE);
    assertThat(badSince.err).contains("--since: 'yesterday' is neither a duration");
  }

  @Test
  void noCommandShowsTheCommandsAndExits2() {
    Run run = run();
    assertThat(run.code).isEqualTo(ExitCodes.USAGE);
    assertThat(run.out).contains("install").contains("status").contains("Exit codes");
  }

  private ActionCommand action(String... args) {
    ParseResult result = cli.parseArgs(args);
    return (ActionCommand) result.subcommand().commandSpec().userObject();
  }

  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Main.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
