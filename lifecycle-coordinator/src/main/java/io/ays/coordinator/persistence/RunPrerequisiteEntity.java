package io.ays.coordinator.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** A run that must succeed before another run of the same request may start. */
@Entity
@Table(name = "run_prerequisite")
public class RunPrerequisiteEntity extends PanacheEntityBase {

  /** The edge itself is the key. */
  @Embeddable
  public static class Id implements Serializable {
    @Column(name = "run_id")
    public UUID runId;

    @Column(name = "prerequisite_run_id")
    public UUID prerequisiteRunId;

    protected Id() {}

    public Id(UUID runId, UUID prerequisiteRunId) {
      this.runId = runId;
      this.prerequisiteRunId = prerequisiteRunId;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Id other
          && runId.equals(other.runId)
          && prerequisiteRunId.equals(other.prerequisiteRunId);
    }

    @Override
    public int hashCode() {
      return Objects.hash(runId, prerequisiteRunId);
    }
  }

  @EmbeddedId public Id id;

  public static void add(UUID run, UUID prerequisite) {
    RunPrerequisiteEntity edge = new RunPrerequisiteEntity();
    edge.id = new Id(run, prerequisite);
    edge.persist();
  }

  /** The runs that wait for {@code prerequisite}. */
  public static List<UUID> waitingFor(UUID prerequisite) {
    return RunPrerequisiteEntity.<RunPrerequisiteEntity>list(
            "id.prerequisiteRunId = ?1", prerequisite)
        .stream()
        .map(e -> e.id.runId)
        .toList();
  }

  /** The runs {@code run} waits for. */
  public static List<UUID> prerequisitesOf(UUID run) {
    return RunPrerequisiteEntity.<RunPrerequisiteEntity>list("id.runId = ?1", run).stream()
        .map(e -> e.id.prerequisiteRunId)
        .toList();
  }
}
