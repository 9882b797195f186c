package io.ays.contracts;

/** The lifecycle state of a service instance, as owned by the lifecycle-coordinator. */
public enum InstanceState {
  /** Known (a request named it) but nothing installed yet. */
  NEW,
  INSTALLING,
  CONFIGURING,
  STARTING,
  RUNNING,
  STOPPING,
  /** Installed and not running (stopped, or installed with {@code noStart}). */
  STOPPED,
  /** The last run failed; the reason is on the run. */
  FAILED,
  UNINSTALLING,
  /** Uninstalled and forgotten; the last state an instance reports. */
  REMOVED;

  /** Whether a run is in progress in this state. */
  public boolean transitional() {
    return switch (this) {
      case INSTALLING, CONFIGURING, STARTING, STOPPING, UNINSTALLING -> true;
      default -> false;
    };
  }
}
