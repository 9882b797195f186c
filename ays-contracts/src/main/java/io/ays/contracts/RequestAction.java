package io.ays.contracts;

import java.util.Optional;

/** What a request on {@code ays.requests} asks for; each action has its own event type. */
public enum RequestAction {
  INSTALL(EventType.REQUEST_INSTALL),
  START(EventType.REQUEST_START),
  STOP(EventType.REQUEST_STOP),
  RESTART(EventType.REQUEST_RESTART),
  CONFIGURE(EventType.REQUEST_CONFIGURE),
  UNINSTALL(EventType.REQUEST_UNINSTALL),
  /** The template-level {@code build}: one phase, no dependencies, no change of state. */
  BUILD(EventType.REQUEST_BUILD),
  /**
   * The original's removedata: stop the instance, then its removedata action (by default its folder
   * goes); it stays installed, STOPPED, and its next install or start runs every phase.
   */
  REMOVEDATA(EventType.REQUEST_REMOVEDATA);

  private final EventType eventType;

  RequestAction(EventType eventType) {
    this.eventType = eventType;
  }

  /** The event type that carries this request. */
  public EventType eventType() {
    return eventType;
  }

  /** The action a request event type asks for; empty for event types that are not requests. */
  public static Optional<RequestAction> of(EventType type) {
    for (RequestAction action : values()) {
      if (action.eventType == type) {
        return Optional.of(action);
      }
    }
    return Optional.empty();
  }

  /**
   * Whether the action ends with the instance stopped or gone (run in reverse dependency order).
   */
  public boolean tearsDown() {
    return this == STOP || this == UNINSTALL || this == REMOVEDATA;
  }

  /**
   * Whether the action is template-level: it needs no installed instance and leaves the state of
   * one alone.
   */
  public boolean templateLevel() {
    return this == BUILD;
  }
}
