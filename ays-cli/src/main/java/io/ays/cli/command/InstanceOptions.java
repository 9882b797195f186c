package io.ays.cli.command;

import io.ays.cli.request.Target;
import picocli.CommandLine.Option;

/** {@code -d DOMAIN} and {@code -i INSTANCE} of a command that names one instance. */
public class InstanceOptions {

  @Option(
      names = {"-d", "--domain"},
      description = "the instance's domain")
  String domain;

  @Option(
      names = {"-i", "--instance"},
      description = "the instance name (default: main)")
  String instance;

  /** The instance {@code name} (name, domain/name or domain/name/instance) with these options. */
  Target target(String name) {
    return Target.of(name, domain, instance);
  }

  /** Whether either option was given. */
  boolean given() {
    return domain != null || instance != null;
  }
}
