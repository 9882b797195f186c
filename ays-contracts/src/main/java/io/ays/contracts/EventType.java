package io.ays.contracts;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Optional;

/**
 * Every versioned event type of AYS with its payload record and channel. Consumers switch on this
 * enum, never on type strings. A breaking change to a payload is a new constant with a new version
 * ({@code .v2}) beside the old one; additive fields keep the version.
 */
public enum EventType {
  TEMPLATE_DEFINITION("ays.template.definition.v1", TemplateDefinition.class, Channel.TEMPLATES),

  REQUEST_INSTALL("ays.request.install.v1", ServiceRequest.class, Channel.REQUESTS),
  REQUEST_START("ays.request.start.v1", ServiceRequest.class, Channel.REQUESTS),
  REQUEST_STOP("ays.request.stop.v1", ServiceRequest.class, Channel.REQUESTS),
  REQUEST_RESTART("ays.request.restart.v1", ServiceRequest.class, Channel.REQUESTS),
  REQUEST_CONFIGURE("ays.request.configure.v1", ServiceRequest.class, Channel.REQUESTS),
  REQUEST_UNINSTALL("ays.request.uninstall.v1", ServiceRequest.class, Channel.REQUESTS),
  REQUEST_BUILD("ays.request.build.v1", ServiceRequest.class, Channel.REQUESTS),
  REQUEST_REMOVEDATA("ays.request.removedata.v1", ServiceRequest.class, Channel.REQUESTS),

  COMMAND_PHASE("ays.command.phase.v1", PhaseCommand.class, Channel.COMMANDS),

  RESULT_PHASE("ays.result.phase.v1", PhaseResult.class, Channel.RESULTS),

  RUN_ACCEPTED("ays.run.accepted.v1", RunAccepted.class, Channel.SERVICE_EVENTS),
  RUN_STEP_STARTED("ays.run.step.started.v1", StepStarted.class, Channel.SERVICE_EVENTS),
  RUN_STEP_FINISHED("ays.run.step.finished.v1", StepFinished.class, Channel.SERVICE_EVENTS),
  RUN_FINISHED("ays.run.finished.v1", RunFinished.class, Channel.SERVICE_EVENTS),
  REQUEST_REJECTED("ays.request.rejected.v1", RequestRejected.class, Channel.SERVICE_EVENTS),
  INSTANCE_STATE("ays.instance.state.v1", InstanceStateChanged.class, Channel.SERVICE_EVENTS),
  MONITOR_GAVE_UP("ays.monitor.gave-up.v1", MonitorGaveUp.class, Channel.SERVICE_EVENTS),

  HEALTH_REPORT("ays.health.report.v1", HealthReport.class, Channel.HEALTH),

  NODE_HEARTBEAT("ays.node.heartbeat.v1", NodeHeartbeat.class, Channel.NODES),

  DEAD_LETTER("ays.dead-letter.v1", DeadLetter.class, Channel.DEAD_LETTER);

  private final String type;
  private final Class<? extends EventPayload> payloadClass;
  private final Channel channel;

  EventType(String type, Class<? extends EventPayload> payloadClass, Channel channel) {
    this.type = type;
    this.payloadClass = payloadClass;
    this.channel = channel;
  }

  /** The CloudEvents {@code type} string, e.g. {@code ays.request.install.v1}. */
  @JsonValue
  public String type() {
    return type;
  }

  /** The record the {@code data} of this type binds to. */
  public Class<? extends EventPayload> payloadClass() {
    return payloadClass;
  }

  /** The channel this type is published on. */
  public Channel channel() {
    return channel;
  }

  /** The event type with this type string; empty if there is none. */
  public static Optional<EventType> fromType(String type) {
    for (EventType eventType : values()) {
      if (eventType.type.equals(type)) {
        return Optional.of(eventType);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return type;
  }
}
