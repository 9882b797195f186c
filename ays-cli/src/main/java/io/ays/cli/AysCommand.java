package io.ays.cli;

import io.ays.cli.command.BuildCommand;
import io.ays.cli.command.ConfigureCommand;
import io.ays.cli.command.DeadLettersCommand;
import io.ays.cli.command.InstallCommand;
import io.ays.cli.command.ListCommand;
import io.ays.cli.command.LogsCommand;
import io.ays.cli.command.MdupdateCommand;
import io.ays.cli.command.NodesCommand;
import io.ays.cli.command.PlanCommand;
import io.ays.cli.command.PrepareCommand;
import io.ays.cli.command.RefusedVerbs;
import io.ays.cli.command.RestartCommand;
import io.ays.cli.command.RunsCommand;
import io.ays.cli.command.StartCommand;
import io.ays.cli.command.StatusCommand;
import io.ays.cli.command.StopCommand;
import io.ays.cli.command.TemplatesCommand;
import io.ays.cli.command.TraceCommand;
import io.ays.cli.command.UninstallCommand;
import io.ays.cli.command.UpdateCommand;
import io.ays.cli.command.WatchCommand;
import io.ays.cli.rest.BearerToken;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code ays} command: global options and the list of subcommands. The global options are
 * inherited, so they may be given before or after the subcommand ({@code ays --kafka h:9092 status}
 * or {@code ays status --kafka h:9092}); either way they land in this object's fields.
 */
@Command(
    name = "ays",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description =
        "AYS command line: install and run services from templates, follow and query them.",
    subcommands = {
      InstallCommand.class,
      StartCommand.class,
      StopCommand.class,
      RestartCommand.class,
      ConfigureCommand.class,
      UninstallCommand.class,
      BuildCommand.class,
      PlanCommand.class,
      StatusCommand.class,
      ListCommand.class,
      RunsCommand.class,
      LogsCommand.class,
      WatchCommand.class,
      NodesCommand.class,
      TemplatesCommand.class,
      PrepareCommand.class,
      UpdateCommand.class,
      MdupdateCommand.class,
      RefusedVerbs.Reset.class,
      RefusedVerbs.RemoveData.class,
      DeadLettersCommand.class,
      TraceCommand.class,
      // `ays generate-completion`: the bash/zsh completion script (source <(ays
      // generate-completion))
      AutoComplete.GenerateCompletion.class
    },
    footer = {"", "Exit codes: 0 ok, 1 failed or down, 2 bad usage, 3 unreachable, 4 timed out."})
public class AysCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--kafka",
      scope = ScopeType.INHERIT,
      paramLabel = "HOST:PORT",
      defaultValue = "${env:AYS_KAFKA_BOOTSTRAP:-127.0.0.1:9092}",
      description = "Kafka bootstrap servers (env AYS_KAFKA_BOOTSTRAP; default: ${DEFAULT-VALUE})")
  String kafka;

  @Option(
      names = "--coordinator",
      scope = ScopeType.INHERIT,
      paramLabel = "URL",
      defaultValue = "${env:AYS_COORDINATOR_URL:-http://127.0.0.1:8082}",
      description =
          "lifecycle-coordinator URL (env AYS_COORDINATOR_URL; default: ${DEFAULT-VALUE})")
  String coordinator;

  @Option(
      names = "--registry",
      scope = ScopeType.INHERIT,
      paramLabel = "URL",
      defaultValue = "${env:AYS_REGISTRY_URL:-http://127.0.0.1:8081}",
      description = "template-registry URL (env AYS_REGISTRY_URL; default: ${DEFAULT-VALUE})")
  String registry;

  @Option(
      names = "--monitor",
      scope = ScopeType.INHERIT,
      paramLabel = "URL",
      defaultValue = "${env:AYS_MONITOR_URL:-http://127.0.0.1:8084}",
      description = "monitor-service URL (env AYS_MONITOR_URL; default: ${DEFAULT-VALUE})")
  String monitor;

  @Option(
      names = "--token-file",
      scope = ScopeType.INHERIT,
      paramLabel = "FILE",
      defaultValue = "${env:AYS_TOKEN_FILE}",
      description =
          "file with the bearer token for the REST APIs (env AYS_TOKEN_FILE; the token itself may"
              + " be in AYS_TOKEN; default: $AYS_HOME/cli/token, which ./ays up writes)")
  String tokenFile;

  @Option(
      names = {"-v", "--verbose"},
      scope = ScopeType.INHERIT,
      description = "show the Kafka client's warnings and stack traces of errors")
  boolean verbose;

  /** The addresses to use, checked. */
  public Endpoints endpoints() {
    return Endpoints.of(kafka, coordinator, registry, monitor);
  }

  /** The bearer token for the REST APIs, from the environment or a file. */
  public BearerToken token() {
    return BearerToken.resolve(tokenFile, System.getenv());
  }

  public boolean verbose() {
    return verbose;
  }

  @Override
  public Integer call() {
    // `ays` alone: the list of commands.
    spec.commandLine().usage(spec.commandLine().getOut());
    return ExitCodes.USAGE;
  }
}
