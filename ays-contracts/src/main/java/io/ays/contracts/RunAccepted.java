package io.ays.contracts;

import java.util.List;
import java.util.UUID;

/**
 * The coordinator accepted a request and planned a run for one instance. A request that also
 * installs dependencies gives one run per instance; they share the request's {@code correlationid},
 * which is how the CLI follows the whole request.
 *
 * @param requestId the id of the request event the run answers
 * @param templateVersion the content hash of the template version the run uses
 * @param plan the steps in order; a step whose condition does not hold is later reported SKIPPED
 */
public record RunAccepted(
    UUID runId,
    InstanceKey instanceKey,
    RequestAction action,
    String requestId,
    NodeId node,
    String templateVersion,
    List<PlanStep> plan)
    implements EventPayload {

  public RunAccepted {
    Fields.required(runId, "runId");
    Fields.required(instanceKey, "instanceKey");
    Fields.required(action, "action");
    Fields.requiredText(requestId, "requestId");
    Fields.required(node, "node");
    if (templateVersion != null) {
      TemplateRef.contentHash(templateVersion, "templateVersion");
    }
    plan = Fields.list(plan, "plan");
  }

  @Override
  public String subject() {
    return instanceKey.toString();
  }
}
