package io.ays.coordinator.domain;

import io.ays.contracts.InstanceKey;
import io.ays.contracts.NodeId;
import io.ays.contracts.ServiceRequest;
import io.ays.coordinator.persistence.ServiceInstanceEntity;
import io.ays.coordinator.persistence.TemplateDefinitionEntity;
import java.util.Optional;

/**
 * The node a request's instance runs on: the request's {@code node}; or, given a {@code parent},
 * the node the parent stands for (an instance of a {@code category: node} template: the node whose
 * id is its instance name) or the node the parent runs on (any other template); else where the
 * instance already lives; else the management node. Reads, never writes.
 */
final class Placement {

  /** A node, or why the request cannot be placed. */
  record Result(String node, Rejection rejection) {
    static Result on(String node) {
      return new Result(node, null);
    }

    static Result refused(String field, String message) {
      return new Result(null, Rejection.of(field, message));
    }
  }

  private Placement() {}

  static Result of(ServiceRequest request, ServiceInstanceEntity existing, String managementNode) {
    if (request.parent() == null) {
      return Result.on(
          request.node() != null
              ? request.node().value()
              : existing != null ? existing.node : managementNode);
    }
    InstanceKey parent = request.parent();
    if (parent.equals(request.instanceKey())) {
      return Result.refused("parent", "parent " + parent + " is the instance itself");
    }
    ServiceInstanceEntity parentInstance = ServiceInstanceEntity.findById(parent.toString());
    if (parentInstance == null || parentInstance.templateHash == null) {
      return Result.refused("parent", "parent " + parent + " is not installed: install it first");
    }
    Optional<TemplateDefinitionEntity> template =
        TemplateDefinitionEntity.version(
            parent.domain(), parent.name(), parentInstance.templateHash);
    String host;
    if (template.isPresent() && NodeTemplates.isNode(template.get())) {
      try {
        host = NodeId.of(parent.instance()).value();
      } catch (IllegalArgumentException e) {
        return Result.refused(
            "parent",
            "parent "
                + parent
                + " is a node, but its instance name is no valid node id: "
                + e.getMessage());
      }
    } else {
      host = parentInstance.node;
    }
    if (request.node() != null && !request.node().value().equals(host)) {
      return Result.refused(
          "node",
          "node "
              + request.node().value()
              + " and parent "
              + parent
              + " (which places the service on node "
              + host
              + ") disagree: give one of them");
    }
    return Result.on(host);
  }
}
