package io.ays.cli;

import io.ays.cli.command.BuildCommand;
import io.ays.cli.command.ConfigCommand;
import io.ays.cli.command.ConfigureCommand;
import io.ays.cli.command.DeadLettersCommand;
import io.ays.cli.command.InstallCommand;
import io.ays.cli.command.ListCommand;
import io.ays.cli.command.LogsCommand;
import io.ays.cli.command.MdupdateCommand;
import io.ays.cli.command.NodesCommand;
import io.ays.cli.command.PlanCommand;
import io.ays.cli.command.PrepareCommand;
import io.ays.cli.command.RemoveDataCommand;
import io.ays.cli.command.ResetCommand;
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
import io.ays.cli.config.ActiveContext;
import io.ays.cli.config.Context;
import io.ays.cli.rest.BearerToken;
import java.nio.file.Path;
import java.util.Map;
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
 * or {@code ays status --kafka h:9092}); either way they land in this object's fields. Each setting
 * is taken from its flag, else its environment variable, else the context of the config file
 * ({@code ays config}), else the default of {@code ./ays up}.
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
      ResetCommand.class,
      RemoveDataCommand.class,
      DeadLettersCommand.class,
      TraceCommand.class,
      ConfigCommand.class,
      // `ays generate-completion`: the bash/zsh completion script (source <(ays
      // generate-completion))
      AutoComplete.GenerateCompletion.class
    },
    footer = {"", "Exit codes: 0 ok, 1 failed or down, 2 bad usage, 3 unreachable, 4 timed out."})
public class AysCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  /** Defaults: the addresses ./ays up uses. */
  static final String DEFAULT_KAFKA = "127.0.0.1:9092";

  static final String DEFAULT_COORDINATOR = "http://127.0.0.1:8082";
  static final String DEFAULT_REGISTRY = "http://127.0.0.1:8081";
  static final String DEFAULT_MONITOR = "http://127.0.0.1:8084";

  /** The environment the settings come from (the process's; a test's own map). */
  private final Map<String, String> env;

  @Option(
      names = "--context",
      scope = ScopeType.INHERIT,
      paramLabel = "NAME",
      description =
          "the context of the config file to use (env AYS_CONTEXT; default: its current context;"
              + " ays config)")
  String context;

  @Option(
      names = "--kafka",
      scope = ScopeType.INHERIT,
      paramLabel = "HOST:PORT",
      description =
          "Kafka bootstrap servers (env AYS_KAFKA_BOOTSTRAP, then the context; default: "
              + DEFAULT_KAFKA
              + ")")
  String kafka;

  @Option(
      names = "--kafka-config",
      scope = ScopeType.INHERIT,
      paramLabel = "FILE",
      description =
          "Kafka client settings file with the credentials (env AYS_KAFKA_CLIENT_CONFIG, then the"
              + " context; default: $AYS_HOME/cli/kafka.properties, which ./ays up writes)")
  String kafkaConfig;

  @Option(
      names = "--coordinator",
      scope = ScopeType.INHERIT,
      paramLabel = "URL",
      description =
          "lifecycle-coordinator URL (env AYS_COORDINATOR_URL, then the context; default: "
              + DEFAULT_COORDINATOR
              + ")")
  String coordinator;

  @Option(
      names = "--registry",
      scope = ScopeType.INHERIT,
      paramLabel = "URL",
      description =
          "template-registry URL (env AYS_REGISTRY_URL, then the context; default: "
              + DEFAULT_REGISTRY
              + ")")
  String registry;

  @Option(
      names = "--monitor",
      scope = ScopeType.INHERIT,
      paramLabel = "URL",
      description =
          "monitor-service URL (env AYS_MONITOR_URL, then the context; default: "
              + DEFAULT_MONITOR
              + ")")
  String monitor;

  @Option(
      names = "--token-file",
      scope = ScopeType.INHERIT,
      paramLabel = "FILE",
      description =
          "file with the bearer token for the REST APIs (env AYS_TOKEN_FILE, then the context; the"
              + " token itself may be in AYS_TOKEN, which wins; default: $AYS_HOME/cli/token,"
              + " which ./ays up writes)")
  String tokenFile;

  @Option(
      names = {"-v", "--verbose"},
      scope = ScopeType.INHERIT,
      description = "show the Kafka client's warnings and stack traces of errors")
  boolean verbose;

  private ActiveContext active;

  public AysCommand() {
    this(System.getenv());
  }

  public AysCommand(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  /**
   * The addresses to use, checked. Each comes from the first of: its flag, its environment
   * variable, the context, the default of ./ays up.
   */
  public Endpoints endpoints() {
    Context c = activeContext().settings();
    String kafkaConfigFile = first(kafkaConfig, env.get("AYS_KAFKA_CLIENT_CONFIG"));
    return Endpoints.of(
        first(kafka, env.get("AYS_KAFKA_BOOTSTRAP"), c.kafka(), DEFAULT_KAFKA),
        first(coordinator, env.get("AYS_COORDINATOR_URL"), c.coordinator(), DEFAULT_COORDINATOR),
        first(registry, env.get("AYS_REGISTRY_URL"), c.registry(), DEFAULT_REGISTRY),
        first(monitor, env.get("AYS_MONITOR_URL"), c.monitor(), DEFAULT_MONITOR),
        kafkaConfigFile != null
            ? Path.of(kafkaConfigFile)
            : activeContext().secretFile("kafka-config", c.kafkaConfig()).orElse(null));
  }

  /** The bearer token for the REST APIs: AYS_TOKEN, a token file, the context's, ./ays up's. */
  public BearerToken token() {
    String file = first(tokenFile, env.get("AYS_TOKEN_FILE"));
    if (file != null || hasInlineToken()) {
      return BearerToken.resolve(file, env);
    }
    return activeContext()
        .secretFile("token-file", activeContext().settings().tokenFile())
        .map(path -> BearerToken.resolve(path.toString(), env))
        .orElseGet(() -> BearerToken.resolve(null, env));
  }

  /** The context this command uses (read once from the config file). */
  public ActiveContext activeContext() {
    if (active == null) {
      active = ActiveContext.select(context, env);
    }
    return active;
  }

  /** The environment the settings come from. */
  public Map<String, String> env() {
    return env;
  }

  public boolean verbose() {
    return verbose;
  }

  private boolean hasInlineToken() {
    String inline = env.get("AYS_TOKEN");
    return inline != null && !inline.isBlank();
  }

  /** The first value given (not null, not blank), or null. */
  static String first(String... values) {
    for (String value : values) {
      if (value != null && !value.isBlank()) {
        return value;
      }
    }
    return null;
  }

  @Override
  public Integer call() {
    // `ays` alone: the list of commands.
    spec.commandLine().usage(spec.commandLine().getOut());
    return ExitCodes.USAGE;
  }
}
