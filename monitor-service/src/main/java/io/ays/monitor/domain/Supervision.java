package io.ays.monitor.domain;

/** What the monitor is doing about an instance, as operators see it. */
public enum Supervision {
  /** It should be running (lifecycle RUNNING): a crash will be restarted by policy. */
  WATCHING,
  /** A restart is scheduled and waits for its backoff delay. */
  RESTART_PENDING,
  /** A restart request was sent; the coordinator has not announced a lifecycle change yet. */
  RESTARTING,
  /** The monitor gave up (or its restart was refused); nothing happens until a person starts it. */
  FAILED,
  /** Its lifecycle state is not RUNNING (or unknown): stopped, being changed, or not managed. */
  UNSUPERVISED
}
