package io.ays.cli.request;

import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * What every lifecycle command (install, start, stop, restart, configure, uninstall, plan) takes to
 * name its instance and shape its request: the fields of the {@code ServiceRequest} payload.
 */
public class RequestOptions {

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "NAME",
      description = "template name, domain/name, or an instance key domain/name/instance")
  String name;

  @Option(
      names = {"-n", "--name"},
      paramLabel = "NAME",
      description = "the template name (as the original ays -n); instead of NAME")
  String nameOption;

  @Option(
      names = {"-d", "--domain"},
      paramLabel = "DOMAIN",
      description = "the template's domain (its repository); looked up when left out")
  String domain;

  @Option(
      names = {"-i", "--instance"},
      paramLabel = "INSTANCE",
      description = "the instance name (default: main)")
  String instance;

  @Option(
      names = {"--node", "--targetname"},
      paramLabel = "NODE",
      description =
          "the node that hosts the instance (default: the management node, or where it lives);"
              + " --targetname is the original's name for it")
  String node;

  @Option(
      names = "--parent",
      paramLabel = "PARENT",
      description =
          "the instance the service is placed through, as the original's role!instance (e.g."
              + " node.docker!web1), or domain/name/instance: an instance of a node template"
              + " places it on the node of that name")
  String parent;

  @Option(
      names = "--data",
      paramLabel = "'K:V K2:V2'",
      converter = DataParser.class,
      description =
          "answers to the template's @ASK questions, e.g. 'param.port:8090 param.name:\"a b\"';"
              + " may be repeated")
  List<Answers> data = List.of();

  @Option(names = "--nodeps", description = "leave dependencies alone")
  boolean noDeps;

  @Option(
      names = {"-r", "--force"},
      description = "run even if the template version and answers did not change")
  boolean force;

  @Option(names = "--reason", paramLabel = "TEXT", description = "free text kept with the run")
  String reason;

  @Option(
      names = "--template-version",
      paramLabel = "HASH",
      description = "pin a template version (content hash); default: the latest")
  String templateVersion;

  /** The target named by NAME or -n, with -d and -i. */
  public Target target() {
    if (name != null && nameOption != null && !name.equals(nameOption)) {
      throw io.ays.cli.CliException.usage(
          "two names given: '" + name + "' and -n '" + nameOption + "'");
    }
    return Target.of(name != null ? name : nameOption, domain, instance);
  }

  /** Every --data merged; a key given twice is an error. */
  public Answers answers() {
    Answers all = Answers.none();
    for (Answers more : data) {
      try {
        all = all.and(more);
      } catch (IllegalArgumentException e) {
        throw io.ays.cli.CliException.usage("--data: " + e.getMessage());
      }
    }
    return all;
  }

  public String node() {
    return node;
  }

  /** The parent as typed, or null. */
  public String parent() {
    return parent;
  }

  /**
   * The parent named by --parent ({@code name!instance}, {@code domain/name!instance} or a key).
   */
  public Target parentTarget() {
    if (parent == null) {
      return null;
    }
    String text = parent.strip();
    int bang = text.indexOf('!');
    if (bang < 0) {
      return Target.of(text, null, null, "--parent");
    }
    String instanceName = text.substring(bang + 1);
    if (instanceName.isBlank() || text.substring(0, bang).contains("!")) {
      throw io.ays.cli.CliException.usage(
          "--parent: '" + parent + "' is not role!instance (e.g. node.docker!web1)");
    }
    return Target.of(text.substring(0, bang), null, instanceName, "--parent");
  }

  public boolean noDeps() {
    return noDeps;
  }

  public boolean force() {
    return force;
  }

  public String reason() {
    return reason;
  }

  public String templateVersion() {
    return templateVersion;
  }
}
