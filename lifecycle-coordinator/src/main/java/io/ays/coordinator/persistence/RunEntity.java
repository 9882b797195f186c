package io.ays.coordinator.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One accepted request being carried out (or done): the plan's steps are {@link RunStepEntity}. */
@Entity
@Table(name = "run")
public class RunEntity extends PanacheEntityBase {

  @Id public UUID id;

  @Column(name = "instance_key", nullable = false)
  public String instanceKey;

  /** A {@code RequestAction} name. */
  @Column(nullable = false)
  public String action;

  /** The envelope id of the request that caused this run. */
  @Column(name = "request_id", nullable = false)
  public String requestId;

  /** The id of the message that started the whole causal chain (a user's request). */
  @Column(name = "correlation_id", nullable = false)
  public String correlationId;

  /** A {@code RunStatus} name. */
  @Column(nullable = false)
  public String status;

  @Column(name = "template_hash")
  public String templateHash;

  /** The node that hosts the instance. */
  @Column(nullable = false)
  public String node;

  /** Install without starting (the original's --no-start). */
  @Column(name = "no_start", nullable = false)
  public boolean noStart;

  /** The request's answers as JSON (validated), applied to the instance when the run begins. */
  @Column(nullable = false, columnDefinition = "text")
  public String answers;

  /** The resolved instance configuration (service.* and instance.* keys) as JSON. */
  @Column(name = "resolved_config", columnDefinition = "text")
  public String resolvedConfig;

  /** The run of the instance the request named; this run's own id for that run. */
  @Column(name = "root_run_id")
  public UUID rootRunId;

  /** The instance whose request brought this run in (as a dependency); null for the root. */
  @Column(name = "required_by")
  public String requiredBy;

  /** This run's place in its request's order (dependencies before dependents for installs). */
  @Column(name = "request_position", nullable = false)
  public int requestPosition;

  @Column(columnDefinition = "text")
  public String reason;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "finished_at")
  public Instant finishedAt;

  /** The steps of this run in plan order. */
  public List<RunStepEntity> steps() {
    return RunStepEntity.list("id.runId = ?1 order by id.seq", id);
  }

  /** The runs of the request this run belongs to, in the order they were planned. */
  public static List<RunEntity> ofRequest(UUID rootRunId) {
    return list("rootRunId = ?1 order by requestPosition", rootRunId);
  }

  /** Runs of an instance, newest first. */
  public static List<RunEntity> ofInstance(String instanceKey) {
    return list("instanceKey = ?1 order by createdAt desc", instanceKey);
  }
}
