package io.ays.coordinator.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** One step of a run: a phase on a node, its status, attempt and outcome. */
@Entity
@Table(name = "run_step")
public class RunStepEntity extends PanacheEntityBase {

  /** Key: the run and the step's position in its plan. */
  @Embeddable
  public static class Id implements Serializable {
    @Column(name = "run_id")
    public UUID runId;

    public int seq;

    protected Id() {}

    public Id(UUID runId, int seq) {
      this.runId = runId;
      this.seq = seq;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Id other && runId.equals(other.runId) && seq == other.seq;
    }

    @Override
    public int hashCode() {
      return Objects.hash(runId, seq);
    }
  }

  @EmbeddedId public Id id;

  @Column(nullable = false)
  public String node;

  /** An {@code ExecutionRole} name. */
  @Column(nullable = false)
  public String role;

  /** A {@code Phase} name. */
  @Column(nullable = false)
  public String phase;

  @Column(name = "run_condition", nullable = false)
  public String runCondition;

  @Column(nullable = false)
  public String expectation;

  /** A {@code StepStatus} name. */
  @Column(nullable = false)
  public String status;

  @Column(nullable = false)
  public int attempt;

  /** The id of the command of the current attempt: results for other ids are stale. */
  /** The attempts this step may take (its phase policy when last dispatched). */
  @Column(name = "max_attempts", nullable = false)
  public int maxAttempts = 1;

  /** When the running attempt is given up if no result came (timeout plus the result grace). */
  @Column(name = "deadline")
  public Instant deadline;

  /** A step waiting to be tried again: not before this time. */
  @Column(name = "retry_at")
  public Instant retryAt;

  @Column(name = "command_id")
  public String commandId;

  public Boolean up;

  @Column(name = "exit_code")
  public Integer exitCode;

  @Column(name = "output_tail", columnDefinition = "text")
  public String outputTail;

  @Column(columnDefinition = "text")
  public String reason;

  @Column(name = "started_at")
  public Instant startedAt;

  @Column(name = "finished_at")
  public Instant finishedAt;
}
