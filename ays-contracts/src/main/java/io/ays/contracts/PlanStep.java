package io.ays.contracts;

/** One step of a run's plan as shown to people: where and what, in order. */
public record PlanStep(Integer step, NodeId node, ExecutionRole role, Phase phase) {

  public PlanStep {
    Fields.atLeast(step, 0, "step");
    Fields.required(node, "node");
    Fields.required(role, "role");
    Fields.required(phase, "phase");
  }
}
