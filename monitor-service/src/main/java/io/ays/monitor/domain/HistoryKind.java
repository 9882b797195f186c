package io.ays.monitor.domain;

/** The kinds of entry in an instance's health history. */
public enum HistoryKind {
  /** The health status changed (status, source and message of the report that changed it). */
  STATUS_CHANGED,
  /** A supervised process exited while the status already was DOWN. */
  PROCESS_EXITED,
  /** The coordinator announced a new lifecycle state. */
  LIFECYCLE_CHANGED,
  RESTART_SCHEDULED,
  /** A restart request was written (to be sent by the outbox); its event id is kept. */
  RESTART_REQUESTED,
  /** A scheduled restart was dropped, e.g. because the instance was stopped meanwhile. */
  RESTART_CANCELLED,
  /** The coordinator refused the restart request. */
  RESTART_REJECTED,
  /** The restart policy's limit was reached: the instance is FAILED. */
  GAVE_UP,
  /**
   * Its node sent no heartbeat for too long (the status becomes UNKNOWN with source NODE_SILENT).
   */
  NODE_SILENT,
  /** Its node speaks again after being silent; a restart follows if it should run. */
  NODE_BACK,
  /** A FAILED instance runs again (a person started it): the restart count starts over. */
  RECOVERED
}
