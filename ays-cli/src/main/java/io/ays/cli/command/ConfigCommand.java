package io.ays.cli.command;

import io.ays.cli.AysCommand;
import io.ays.cli.CliException;
import io.ays.cli.Endpoints;
import io.ays.cli.ExitCodes;
import io.ays.cli.config.CliConfig;
import io.ays.cli.config.ConfigLocation;
import io.ays.cli.config.Context;
import io.ays.cli.config.PrivateFile;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * {@code ays config}: the named contexts of the config file ({@code $AYS_CONFIG}, else {@code
 * ~/.config/ays/config.yaml}), in kubectl's manner. A context holds addresses and the names of the
 * files holding its secrets, never a secret itself.
 */
@Command(
    name = "config",
    mixinStandardHelpOptions = true,
    description = {
      "Named contexts (where an AYS is, which files hold its token and Kafka credentials) in the"
          + " config file: $AYS_CONFIG, else ~/.config/ays/config.yaml.",
      "Each setting of a command comes from its flag, else its environment variable, else the"
          + " context (--context NAME, AYS_CONTEXT, else the current one), else the defaults of"
          + " ./ays up."
    },
    subcommands = {
      ConfigCommand.GetContexts.class,
      ConfigCommand.CurrentContext.class,
      ConfigCommand.UseContext.class,
      ConfigCommand.SetContext.class,
      ConfigCommand.DeleteContext.class,
      ConfigCommand.View.class
    })
public class ConfigCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return ExitCodes.USAGE;
  }

  /** What the config subcommands share: the file, read and written. */
  abstract static class ConfigSubcommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    Path file() {
      return ConfigLocation.of(((AysCommand) spec.root().userObject()).env());
    }

    CliConfig read() {
      return CliConfig.read(file());
    }
  }

  @Command(
      name = "get-contexts",
      mixinStandardHelpOptions = true,
      description = "List the contexts; * marks the current one.")
  static class GetContexts extends ConfigSubcommand {
    @Override
    public Integer call() {
      CliConfig config = read();
      if (config.contexts().isEmpty()) {
        spec.commandLine()
            .getOut()
            .println("no contexts in " + file() + " (ays config set-context NAME --kafka ...)");
        return ExitCodes.OK;
      }
      spec.commandLine()
          .getOut()
          .printf("%-7s %-20s %-28s %s%n", "CURRENT", "NAME", "KAFKA", "COORDINATOR");
      config.contexts().keySet().stream()
          .sorted()
          .forEach(
              name -> {
                Context c = config.contexts().get(name);
                spec.commandLine()
                    .getOut()
                    .printf(
                        "%-7s %-20s %-28s %s%n",
                        name.equals(config.currentContext()) ? "*" : "",
                        name,
                        c.kafka() == null ? "-" : c.kafka(),
                        c.coordinator() == null ? "-" : c.coordinator());
              });
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "current-context",
      mixinStandardHelpOptions = true,
      description = "Print the current context's name.")
  static class CurrentContext extends ConfigSubcommand {
    @Override
    public Integer call() {
      return read()
          .current()
          .map(
              name -> {
                spec.commandLine().getOut().println(name);
                return ExitCodes.OK;
              })
          .orElseThrow(
              () ->
                  CliException.usage(
                      "no current context in " + file() + " (ays config use-context NAME)"));
    }
  }

  @Command(
      name = "use-context",
      mixinStandardHelpOptions = true,
      description = "Make NAME the current context.")
  static class UseContext extends ConfigSubcommand {
    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Override
    public Integer call() {
      read().withCurrent(name).write(file());
      spec.commandLine().getOut().println("current context: " + name);
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "set-context",
      mixinStandardHelpOptions = true,
      description = {
        "Create the context NAME or change the settings given: --kafka, --kafka-config,"
            + " --coordinator, --registry, --monitor, --token-file (the global options, given"
            + " after NAME).",
        "--token-file and --kafka-config name files holding secrets: they must be readable by"
            + " their owner only (chmod 600); the file names are kept, never their content."
      })
  static class SetContext extends ConfigSubcommand {
    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Override
    public Integer call() {
      ParseResult given = spec.commandLine().getParseResult();
      Context changes =
          new Context(
              value(given, "--kafka"),
              secretFile(given, "--kafka-config"),
              url(given, "--coordinator"),
              url(given, "--registry"),
              url(given, "--monitor"),
              secretFile(given, "--token-file"));
      if (changes.equals(Context.empty()) && read().contexts().containsKey(name)) {
        throw CliException.usage(
            "set-context " + name + ": give at least one of " + Context.SETTINGS + " to change");
      }
      CliConfig config = read();
      Context current = config.contexts().getOrDefault(name, Context.empty());
      config.withContext(name, current.with(changes)).write(file());
      spec.commandLine()
          .getOut()
          .println(
              (config.contexts().containsKey(name) ? "changed" : "created")
                  + " context "
                  + name
                  + " in "
                  + file());
      return ExitCodes.OK;
    }

    private static String value(ParseResult given, String option) {
      if (!given.hasMatchedOption(option)) {
        return null;
      }
      String value = given.matchedOptionValue(option, "").strip();
      if (value.isEmpty()) {
        throw CliException.usage(option + ": empty");
      }
      return value;
    }

    private static String url(ParseResult given, String option) {
      String value = value(given, option);
      return value == null ? null : Endpoints.url(value, option).toString();
    }

    /** The file as an absolute path, checked now: a context never names a readable secret. */
    private static String secretFile(ParseResult given, String option) {
      String value = value(given, option);
      if (value == null) {
        return null;
      }
      Path file = Path.of(value).toAbsolutePath().normalize();
      return PrivateFile.checked(file, option).toString();
    }
  }

  @Command(
      name = "delete-context",
      mixinStandardHelpOptions = true,
      description = "Remove the context NAME.")
  static class DeleteContext extends ConfigSubcommand {
    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Override
    public Integer call() {
      read().withoutContext(name).write(file());
      spec.commandLine().getOut().println("deleted context " + name);
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "view",
      mixinStandardHelpOptions = true,
      description =
          "Print the config file's contexts: addresses and the names of the secret files,"
              + " never their content.")
  static class View extends ConfigSubcommand {
    @Override
    public Integer call() {
      spec.commandLine().getOut().println("# " + file());
      spec.commandLine().getOut().print(read().toYaml());
      return ExitCodes.OK;
    }
  }
}
