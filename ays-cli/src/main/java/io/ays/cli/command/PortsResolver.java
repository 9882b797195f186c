package io.ays.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.ays.cli.CliException;
import io.ays.cli.rest.RegistryClient;
import io.ays.model.template.ProcessSpec;
import io.ays.model.template.Template;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An instance's TCP ports, as the original's status showed them: its template version (from the
 * registry) resolved with its answers, the way the coordinator resolves it, and the {@code ports}
 * of each {@code process.N}. Best effort: when the registry or the template is not there, the ports
 * are unknown, and status says "?" rather than failing.
 */
final class PortsResolver {

  private final RegistryClient registry;
  private final Map<String, Optional<JsonNode>> definitions = new HashMap<>();
  private boolean registryDown;

  PortsResolver(RegistryClient registry) {
    this.registry = registry;
  }

  /** The ports, or empty when they cannot be known. */
  Optional<List<Integer>> ports(JsonNode instance) {
    String domain = instance.path("domain").asText();
    String name = instance.path("name").asText();
    String version = instance.path("templateVersion").asText(null);
    if (version == null || registryDown) {
      return Optional.empty();
    }
    Optional<JsonNode> definition;
    try {
      definition =
          definitions.computeIfAbsent(
              domain + "/" + name + "@" + version, k -> registry.version(domain, name, version));
    } catch (CliException unreachable) {
      registryDown = true;
      return Optional.empty();
    }
    if (definition.isEmpty()) {
      return Optional.empty();
    }
    try {
      Template template =
          Template.fromHrd(
              domain,
              name,
              definition.get().path("serviceHrd").asText(""),
              definition.get().path("instanceHrd").asText(null));
      Map<String, Object> answers = new HashMap<>();
      instance
          .path("answers")
          .fields()
          .forEachRemaining(e -> answers.put(e.getKey(), value(e.getValue())));
      List<Integer> ports = new ArrayList<>();
      for (ProcessSpec process :
          template.resolve(instance.path("instance").asText(), answers).processes()) {
        ports.addAll(process.ports());
      }
      return Optional.of(ports);
    } catch (RuntimeException unreadable) {
      return Optional.empty();
    }
  }

  private static Object value(JsonNode node) {
    if (node.isNumber()) {
      return node.numberValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    return node.isValueNode() ? node.asText() : node.toString();
  }

  static String format(Optional<List<Integer>> ports) {
    if (ports.isEmpty()) {
      return "?";
    }
    if (ports.get().isEmpty()) {
      return "-";
    }
    return String.join(",", ports.get().stream().map(String::valueOf).toList());
  }
}
