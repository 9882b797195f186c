package io.ays.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.ays.cli.CliException;
import io.ays.cli.ExitCodes;
import io.ays.cli.output.Table;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ays status}: every instance with its lifecycle state (coordinator), its health (monitor)
 * and its ports (its template resolved with its answers). Like the original, it exits 1 when
 * anything that should run does not.
 */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {
      "Show every instance's node, state, health and ports.",
      "Exit 1 if anything that should run is down or failed (as the original ays status)."
    })
public class StatusCommand extends AysSubcommand implements Callable<Integer> {

  @Parameters(
      arity = "0..1",
      paramLabel = "NAME",
      description = "only instances of this template (name, domain/name or domain/name/instance)")
  String name;

  @Option(
      names = {"-d", "--domain"},
      description = "only this domain")
  String domain;

  @Option(
      names = {"-i", "--instance"},
      description = "only this instance name")
  String instance;

  @Mixin OutputOptions output;

  @Override
  public Integer call() {
    InstanceFilter filter = InstanceFilter.of(name, domain, instance);
    JsonNode instances = coordinator().instances();
    Map<String, JsonNode> health = health();
    PortsResolver ports = new PortsResolver(registry());
    List<Map<String, Object>> rows = new ArrayList<>();
    boolean anyDown = false;
    for (JsonNode i : instances) {
      if (!filter.matches(i)) {
        continue;
      }
      JsonNode h = health.get(i.path("instanceKey").asText());
      String problem = problem(i, h);
      anyDown |= problem != null;
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("instanceKey", i.path("instanceKey").asText());
      row.put("domain", i.path("domain").asText());
      row.put("name", i.path("name").asText());
      row.put("instance", i.path("instance").asText());
      row.put("node", i.path("node").asText(null));
      row.put("state", i.path("state").asText(null));
      row.put("health", h == null ? null : h.path("status").asText(null));
      row.put("supervision", h == null ? null : h.path("supervision").asText(null));
      row.put("ports", ports.ports(i).orElse(null));
      row.put("problem", problem);
      rows.add(row);
    }
    if (output.structured()) {
      output.print(out(), rows);
    } else if (rows.isEmpty()) {
      out().println(filter.any() ? "no instance matches" : "no instances installed");
    } else {
      Table table =
          new Table("DOMAIN", "NAME", "INSTANCE", "NODE", "STATE", "HEALTH", "PORTS", "PROBLEM");
      for (Map<String, Object> row : rows) {
        @SuppressWarnings("unchecked")
        List<Integer> p = (List<Integer>) row.get("ports");
        table.row(
            row.get("domain"),
            row.get("name"),
            row.get("instance"),
            row.get("node"),
            row.get("state"),
            row.get("health") == null ? "?" : row.get("health"),
            PortsResolver.format(java.util.Optional.ofNullable(p)),
            row.get("problem") == null ? "" : row.get("problem"));
      }
      table.print(out());
    }
    return anyDown ? ExitCodes.FAILED : ExitCodes.OK;
  }

  /** Health by instance key; empty (with a warning) when the monitor cannot be reached. */
  private Map<String, JsonNode> health() {
    Map<String, JsonNode> byKey = new HashMap<>();
    try {
      for (JsonNode h : monitor().health()) {
        byKey.put(h.path("instanceKey").asText(), h);
      }
    } catch (CliException e) {
      if (e.exitCode() != ExitCodes.UNREACHABLE) {
        throw e;
      }
      err().println("ays: health unknown: " + e.getMessage());
    }
    return byKey;
  }

  /**
   * Why an instance counts as down, or null: its last run failed, or it should run (RUNNING) and
   * its health says DOWN, or the monitor gave up restarting it. A STOPPED instance was stopped on
   * purpose and is not a problem; UNKNOWN health (no report yet) is not either.
   */
  static String problem(JsonNode instance, JsonNode health) {
    String state = instance.path("state").asText("");
    if (state.equals("FAILED")) {
      return "last run failed";
    }
    if (health != null && health.path("failed").asBoolean(false)) {
      return "monitor gave up: " + health.path("failedReason").asText("");
    }
    if (state.equals("RUNNING")
        && health != null
        && "DOWN".equals(health.path("status").asText())) {
      return "down"
          + (health.hasNonNull("lastMessage") ? ": " + health.get("lastMessage").asText() : "");
    }
    return null;
  }
}
