package io.ays.contracts;

import java.util.Optional;

/** What a request on {@code ays.requests} asks for; each action has its own event type. */
public enum RequestAction {
  INSTALL(EventType.REQUEST_INSTALL),
  START(EventType.REQUEST_START),
  STOP(EventType.REQUEST_STOP),
  RESTART(EventType.REQUEST_RESTART),
  CONFIGURE(EventType.REQUEST_CONFIGURE),
  UNINSTALL(EventType.REQUEST_UNINSTALL);

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
    return this == STOP || this == UNINSTALL;
  }
}
