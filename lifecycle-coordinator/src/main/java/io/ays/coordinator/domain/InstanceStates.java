package io.ays.coordinator.domain;

import io.ays.contracts.InstanceState;
import io.ays.contracts.RequestAction;

/** Which state an instance is in while, and after, a run of each action. */
final class InstanceStates {

  private InstanceStates() {}

  static InstanceState during(RequestAction action) {
    return switch (action) {
      case INSTALL -> InstanceState.INSTALLING;
      case START, RESTART -> InstanceState.STARTING;
      case CONFIGURE -> InstanceState.CONFIGURING;
      case STOP, REMOVEDATA -> InstanceState.STOPPING;
      case UNINSTALL -> InstanceState.UNINSTALLING;
      case BUILD ->
          throw new IllegalArgumentException("a build does not change an instance's state");
    };
  }

  static InstanceState afterSuccess(RequestAction action, boolean noStart) {
    return switch (action) {
      case INSTALL -> noStart ? InstanceState.STOPPED : InstanceState.RUNNING;
      case START, RESTART, CONFIGURE -> InstanceState.RUNNING;
      case STOP, REMOVEDATA -> InstanceState.STOPPED;
      case UNINSTALL -> InstanceState.REMOVED;
      case BUILD ->
          throw new IllegalArgumentException("a build does not change an instance's state");
    };
  }
}
