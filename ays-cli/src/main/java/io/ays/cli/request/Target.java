package io.ays.cli.request;

import io.ays.cli.CliException;
import io.ays.contracts.InstanceKey;
import io.ays.contracts.InvalidFieldException;

/**
 * What a command names: a template name with, perhaps, its domain and instance. NAME may be {@code
 * name}, {@code domain/name} or a whole instance key {@code domain/name/instance}; {@code -d} and
 * {@code -i} give the parts it leaves out (and must agree with the parts it has).
 *
 * @param domain null when neither NAME nor {@code -d} gave it (it is then looked up)
 * @param instance never null: {@value InstanceKey#DEFAULT_INSTANCE} when not given
 */
public record Target(String domain, String name, String instance) {

  /** Reads NAME and the options; errors name the option at fault. */
  public static Target of(String nameArgument, String domainOption, String instanceOption) {
    if (nameArgument == null || nameArgument.isBlank()) {
      throw CliException.usage("give the template NAME (or -n NAME)");
    }
    return of(nameArgument, domainOption, instanceOption, null);
  }

  /**
   * As {@link #of(String, String, String)}; {@code option} (e.g. {@code --parent}) names where the
   * text came from in errors, null for NAME.
   */
  public static Target of(
      String nameArgument, String domainOption, String instanceOption, String option) {
    String where = option == null ? "" : option + ": ";
    if (nameArgument == null || nameArgument.isBlank()) {
      throw CliException.usage(where + "give a template name");
    }
    String[] parts = nameArgument.strip().split("/", -1);
    if (parts.length > 3) {
      throw CliException.usage(
          where
              + "'"
              + nameArgument
              + "' is not a name: expected name, domain/name or domain/name/instance");
    }
    String name = parts[parts.length == 1 ? 0 : 1];
    String domain = parts.length >= 2 ? parts[0] : null;
    String instance = parts.length == 3 ? parts[2] : null;
    domain = agree("domain", "-d", domain, domainOption);
    instance = agree("instance", "-i", instance, instanceOption);
    Target target =
        new Target(domain, name, instance == null ? InstanceKey.DEFAULT_INSTANCE : instance);
    // Check the parts now, so that a bad name is named before anything is asked or sent.
    try {
      new InstanceKey(domain == null ? "d" : domain, name, target.instance);
    } catch (InvalidFieldException e) {
      throw CliException.usage(where + "'" + nameArgument + "': " + e.getMessage());
    }
    return target;
  }

  private static String agree(String what, String option, String fromName, String fromOption) {
    if (fromOption == null || fromOption.isBlank()) {
      return fromName;
    }
    if (fromName != null && !fromName.equals(fromOption)) {
      throw CliException.usage(
          "the " + what + " is '" + fromName + "' in NAME but '" + fromOption + "' in " + option);
    }
    return fromOption.strip();
  }

  public boolean hasDomain() {
    return domain != null;
  }

  public Target withDomain(String domain) {
    return new Target(domain, name, instance);
  }

  /** The instance key; only once the domain is known. */
  public InstanceKey key() {
    if (domain == null) {
      throw new IllegalStateException("domain of " + name + " not resolved");
    }
    return new InstanceKey(domain, name, instance);
  }
}
