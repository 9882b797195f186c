package io.ays.contracts;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** The {@code data} of an AYS event: one record per kind of message. */
public sealed interface EventPayload
    permits TemplateDefinition,
        ServiceRequest,
        PhaseCommand,
        PhaseResult,
        RunAccepted,
        StepStarted,
        StepFinished,
        RunFinished,
        RequestRejected,
        InstanceStateChanged,
        MonitorGaveUp,
        HealthReport,
        NodeHeartbeat,
        DeadLetter {

  /**
   * The envelope's {@code subject} and the Kafka key: the instance key, or the template key on
   * {@code ays.templates}, the node id on {@code ays.nodes}, the original key on the dead-letter
   * topic. Null only where the original message had no key.
   */
  @JsonIgnore
  String subject();
}
