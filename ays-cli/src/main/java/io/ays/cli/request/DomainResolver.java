package io.ays.cli.request;

import com.fasterxml.jackson.databind.JsonNode;
import io.ays.cli.CliException;
import io.ays.cli.ExitCodes;
import io.ays.cli.rest.CoordinatorClient;
import io.ays.cli.rest.RegistryClient;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Finds the domain of a name given without one ({@code ays install hello-http}): the only domain
 * that has such a template (install, plan) or such an installed instance (every other action). Two
 * domains with the name is an error listing them; so is none.
 */
public class DomainResolver {

  private final Supplier<RegistryClient> registry;
  private final Supplier<CoordinatorClient> coordinator;

  public DomainResolver(
      Supplier<RegistryClient> registry, Supplier<CoordinatorClient> coordinator) {
    this.registry = registry;
    this.coordinator = coordinator;
  }

  /** {@code target} with its domain; unchanged if it has one. */
  public Target resolve(Target target, boolean installed) {
    if (target.hasDomain()) {
      return target;
    }
    TreeSet<String> domains = new TreeSet<>();
    if (installed) {
      for (JsonNode instance : lookUp(() -> coordinator.get().instances())) {
        if (target.name().equals(instance.path("name").asText())
            && target.instance().equals(instance.path("instance").asText())) {
          domains.add(instance.path("domain").asText());
        }
      }
    } else {
      for (JsonNode template : lookUp(() -> registry.get().templates())) {
        if (target.name().equals(template.path("name").asText())) {
          domains.add(template.path("domain").asText());
        }
      }
    }
    return target.withDomain(only(domains, target, installed));
  }

  /**
   * A listing the domain is looked up in. When the service cannot give it (down, or its database
   * is), the error says that the lookup can be skipped: the request itself goes over Kafka and is
   * held there until AYS can take it.
   */
  private static JsonNode lookUp(Supplier<JsonNode> listing) {
    try {
      return listing.get();
    } catch (CliException e) {
      throw new CliException(
          e.exitCode(),
          e.getMessage() + " (asked to find the name's domain: give -d DOMAIN to skip this)",
          e);
    }
  }

  static String only(TreeSet<String> domains, Target target, boolean installed) {
    if (domains.size() == 1) {
      return domains.first();
    }
    String what =
        installed
            ? "instance " + target.name() + "/" + target.instance()
            : "template " + target.name();
    if (domains.isEmpty()) {
      throw new CliException(
          ExitCodes.FAILED,
          "no "
              + what
              + (installed ? " is installed" : " in the registry")
              + " (ays list"
              + (installed ? " --installed" : "")
              + " shows them; give -d DOMAIN to name one anyway)");
    }
    throw CliException.usage(
        what + " exists in the domains " + String.join(", ", List.copyOf(domains)) + ": give -d");
  }
}
