package io.ays.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.ays.cli.CliException;
import io.ays.cli.ExitCodes;
import io.ays.cli.output.JsonOutput;
import io.ays.cli.request.Target;
import io.ays.contracts.InstanceKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ays service-logs}: where an instance's logs are, and their ends when they are on this
 * machine. The node-executor writes each process's output to {@code
 * <data-dir>/logs/<domain>__<name>__<instance>/process.N.log} (and hooks' to {@code hooks.log}) on
 * its node; no service serves those files over the network yet, so the CLI can read them only where
 * it runs on that node (as with ./ays up, where the node is this machine).
 *
 * <p>Named service-logs, not logs: {@code ./ays logs} already shows AYS's own logs.
 */
@Command(
    name = "service-logs",
    mixinStandardHelpOptions = true,
    description = {
      "Show where an instance's logs are, and their ends if on this machine.",
      "The logs are on the instance's node; the CLI shows their last lines when that node's",
      "executor data folder is on this machine (--data-dir). No REST API serves them yet."
    })
public class ServiceLogsCommand extends AysSubcommand implements Callable<Integer> {

  @Parameters(paramLabel = "NAME", description = "name, domain/name or domain/name/instance")
  String name;

  @Option(
      names = {"-d", "--domain"},
      description = "the instance's domain")
  String domain;

  @Option(
      names = {"-i", "--instance"},
      description = "the instance name (default: main)")
  String instance;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      defaultValue = "${env:AYS_EXECUTOR_DATA_DIR}",
      description =
          "the node-executor's data folder on this machine (env AYS_EXECUTOR_DATA_DIR; ./ays sets"
              + " it to .ays/executor)")
  Path dataDir;

  @Option(
      names = {"-n", "--lines"},
      defaultValue = "50",
      description = "last lines of each log to show (default: ${DEFAULT-VALUE})")
  int lines;

  @Option(names = "--json", description = "print the location and the lines as JSON")
  boolean json;

  @Override
  public Integer call() {
    InstanceKey key = domains().resolve(Target.of(name, domain, instance), true).key();
    JsonNode view =
        coordinator()
            .instance(key)
            .orElseThrow(() -> new CliException(ExitCodes.FAILED, "no instance " + key));
    String node = view.path("node").asText("?");
    String folder = "logs/" + key.domain() + "__" + key.name() + "__" + key.instance();
    Path local = dataDir == null ? null : dataDir.resolve(folder);
    Map<String, Object> files = new LinkedHashMap<>();
    if (local != null && Files.isDirectory(local)) {
      for (Path log : logsIn(local)) {
        files.put(log.toString(), tail(log, lines));
      }
    }
    if (json) {
      Map<String, Object> answer = new LinkedHashMap<>();
      answer.put("instanceKey", key.toString());
      answer.put("node", node);
      answer.put("logFolder", "<executor data dir>/" + folder);
      answer.put("localFolder", local == null ? null : local.toString());
      answer.put("files", files);
      JsonOutput.print(out(), answer);
      return ExitCodes.OK;
    }
    out().println(key + " runs on node " + node + ".");
    out()
        .println(
            "Its logs are on that node in <executor data dir>/"
                + folder
                + "/ (process.N.log per process, hooks.log for hooks).");
    if (files.isEmpty()) {
      out()
          .println(
              local == null
                  ? "No REST API serves them yet: on that node, tail -F them; or give --data-dir if the"
                      + " node's executor data folder is on this machine."
                  : "Nothing in " + local + " on this machine: is node " + node + " this machine?");
      return ExitCodes.OK;
    }
    files.forEach(
        (file, text) -> {
          out().println("==> " + file + " <==");
          out().print(text);
        });
    out().flush();
    return ExitCodes.OK;
  }

  private static List<Path> logsIn(Path folder) {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(p -> p.toString().endsWith(".log")).sorted().toList();
    } catch (IOException e) {
      throw new CliException(ExitCodes.FAILED, "cannot read " + folder + ": " + e.getMessage());
    }
  }

  /** The last {@code count} lines (whole files are small enough: the executor rotates nothing). */
  static String tail(Path file, int count) {
    try {
      List<String> all = Files.readAllLines(file);
      List<String> last = new ArrayList<>(all.subList(Math.max(0, all.size() - count), all.size()));
      return last.isEmpty() ? "" : String.join("\n", last) + "\n";
    } catch (IOException e) {
      return "(cannot read: " + e.getMessage() + ")\n";
    }
  }
}
