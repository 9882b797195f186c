package io.ays.cli.command;

import io.ays.cli.AysCommand;
import io.ays.cli.Endpoints;
import io.ays.cli.request.DomainResolver;
import io.ays.cli.rest.BearerToken;
import io.ays.cli.rest.CoordinatorClient;
import io.ays.cli.rest.MonitorClient;
import io.ays.cli.rest.RegistryClient;
import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every subcommand shares: the global options (held by the root {@link AysCommand}), the
 * output streams picocli was given, and the clients of the AYS services.
 */
abstract class AysSubcommand {

  @Spec CommandSpec spec;

  private Endpoints endpoints;

  private BearerToken token;

  Endpoints endpoints() {
    if (endpoints == null) {
      endpoints = ((AysCommand) spec.root().userObject()).endpoints();
    }
    return endpoints;
  }

  /** The bearer token every REST call carries. */
  BearerToken token() {
    if (token == null) {
      token = ((AysCommand) spec.root().userObject()).token();
    }
    return token;
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  CoordinatorClient coordinator() {
    return new CoordinatorClient(endpoints().coordinator(), token());
  }

  RegistryClient registry() {
    return new RegistryClient(endpoints().registry(), token());
  }

  MonitorClient monitor() {
    return new MonitorClient(endpoints().monitor(), token());
  }

  DomainResolver domains() {
    return new DomainResolver(this::registry, this::coordinator);
  }
}
