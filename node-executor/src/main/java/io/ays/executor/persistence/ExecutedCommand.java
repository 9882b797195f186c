package io.ays.executor.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A command this executor took on. Written before the action runs and completed with the encoded
 * result, so that a redelivered command is answered, never run a second time.
 */
@Entity
@Table(name = "executed_command")
public class ExecutedCommand extends PanacheEntityBase {

  @Id
  @Column(name = "command_id")
  public String commandId;

  @Column(name = "instance_key", nullable = false)
  public String instanceKey;

  @Column(nullable = false)
  public String phase;

  @Column(name = "started_at", nullable = false)
  public Instant startedAt;

  /** The encoded result event, once the action has finished; null while it runs. */
  @Column(columnDefinition = "text")
  public String result;
}
