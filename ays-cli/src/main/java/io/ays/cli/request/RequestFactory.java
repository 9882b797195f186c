package io.ays.cli.request;

import io.ays.cli.CliException;
import io.ays.contracts.InstanceKey;
import io.ays.contracts.InvalidFieldException;
import io.ays.contracts.NodeId;
import io.ays.contracts.ServiceRequest;

/**
 * Maps the command line onto the request payload. Every flag has a field of {@code ServiceRequest}
 * (docs/cli.md has the table); the payload's own checks name what is wrong, said here with the
 * option a person typed.
 */
public final class RequestFactory {

  private RequestFactory() {}

  public static ServiceRequest build(InstanceKey key, RequestOptions options, boolean noStart) {
    return build(key, options, noStart, null);
  }

  /** With the parent named by --parent, its domain resolved; null for none. */
  public static ServiceRequest build(
      InstanceKey key, RequestOptions options, boolean noStart, InstanceKey parent) {
    NodeId node;
    try {
      node = options.node() == null ? null : NodeId.of(options.node().strip());
    } catch (InvalidFieldException e) {
      throw CliException.usage("--node: " + e.getMessage());
    }
    try {
      return new ServiceRequest(
          key.domain(),
          key.name(),
          key.instance(),
          node,
          options.answers().values(),
          options.force(),
          options.noDeps(),
          noStart,
          blankToNull(options.templateVersion()),
          blankToNull(options.reason()),
          parent);
    } catch (InvalidFieldException e) {
      String field = e.field() == null ? "" : e.field();
      String option =
          switch (field) {
            case "templateVersion" -> "--template-version";
            case "reason" -> "--reason";
            case "answers" -> "--data";
            default -> field.isEmpty() ? "request" : field;
          };
      throw CliException.usage(option + ": " + e.problem());
    }
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }
}
