package io.ays.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.ays.cli.CliException;

/**
 * Narrows a list of instances to a name, {@code domain/name} or {@code domain/name/instance} and
 * the {@code -d}/{@code -i} options; with none of them, everything matches.
 */
record InstanceFilter(String domain, String name, String instance) {

  static InstanceFilter of(String nameArgument, String domainOption, String instanceOption) {
    String domain = domainOption;
    String name = null;
    String instance = instanceOption;
    if (nameArgument != null) {
      String[] parts = nameArgument.split("/", -1);
      if (parts.length > 3) {
        throw CliException.usage(
            "'" + nameArgument + "': expected name, domain/name or domain/name/instance");
      }
      name = parts[parts.length == 1 ? 0 : 1];
      if (parts.length >= 2) {
        domain = parts[0];
      }
      if (parts.length == 3) {
        instance = parts[2];
      }
    }
    return new InstanceFilter(domain, name, instance);
  }

  boolean any() {
    return domain != null || name != null || instance != null;
  }

  /** Whether an instance (or a template: it has no instance field) matches. */
  boolean matches(JsonNode item) {
    return (domain == null || domain.equals(item.path("domain").asText()))
        && (name == null || name.equals(item.path("name").asText()))
        && (instance == null
            || !item.has("instance")
            || instance.equals(item.path("instance").asText()));
  }
}
