package io.ays.monitor.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One run as the coordinator announced it: accepted (with its plan's length), then finished (with
 * its outcome). A run whose acceptance the monitor never read (the topic no longer held it) is
 * known from its end only.
 */
@Entity
@Table(name = "run_summary")
public class RunEntity extends PanacheEntityBase {

  @Id
  @Column(name = "run_id")
  public UUID runId;

  @Column(name = "instance_key", nullable = false, length = 302)
  public String instanceKey;

  /** A {@code RequestAction} name: INSTALL, RESTART, ... */
  @Column(name = "action", nullable = false, length = 20)
  public String action;

  /** Where it runs; null if only its end was seen (the end does not say). */
  @Column(name = "node", length = 63)
  public String node;

  /** How many steps its plan has; null if only its end was seen. */
  @Column(name = "steps")
  public Integer steps;

  /** When the coordinator accepted it (the event's time). */
  @Column(name = "accepted_at")
  public Instant acceptedAt;

  /** A {@code RunOutcome} name; null while the run goes on. */
  @Column(name = "outcome", length = 20)
  public String outcome;

  @Column(name = "reason", columnDefinition = "text")
  public String reason;

  @Column(name = "failed_phase", length = 30)
  public String failedPhase;

  @Column(name = "finished_at")
  public Instant finishedAt;

  @Column(name = "duration_ms")
  public Long durationMs;

  /** When the monitor first heard of it, on its own clock: what orders the runs and ages them. */
  @Column(name = "received_at", nullable = false)
  public Instant receivedAt;

  /** The {@code limit} runs the monitor heard of last, newest first. */
  public static List<RunEntity> newest(int limit) {
    return find("order by receivedAt desc, runId").page(0, limit).list();
  }

  /** Deletes the runs first heard of before {@code cutoff}; returns how many. */
  public static long forgetBefore(Instant cutoff) {
    return delete("receivedAt < ?1", cutoff);
  }
}
