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

/** One edge of the installed dependency graph: {@code instanceKey} needs {@code dependsOn}. */
@Entity
@Table(name = "instance_dependency")
public class InstanceDependencyEntity extends PanacheEntityBase {

  /** The edge itself is the key. */
  @Embeddable
  public static class Id implements Serializable {
    @Column(name = "instance_key")
    public String instanceKey;

    @Column(name = "depends_on")
    public String dependsOn;

    protected Id() {}

    public Id(String instanceKey, String dependsOn) {
      this.instanceKey = instanceKey;
      this.dependsOn = dependsOn;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Id other
          && instanceKey.equals(other.instanceKey)
          && dependsOn.equals(other.dependsOn);
    }

    @Override
    public int hashCode() {
      return Objects.hash(instanceKey, dependsOn);
    }
  }

  @EmbeddedId public Id id;

  /** What {@code instanceKey} depends on, directly. */
  public static List<String> dependenciesOf(String instanceKey) {
    return InstanceDependencyEntity.<InstanceDependencyEntity>list(
            "id.instanceKey = ?1 order by id.dependsOn", instanceKey)
        .stream()
        .map(e -> e.id.dependsOn)
        .toList();
  }

  /** The instances that depend directly on {@code instanceKey}. */
  public static List<String> usersOf(String instanceKey) {
    return InstanceDependencyEntity.<InstanceDependencyEntity>list(
            "id.dependsOn = ?1 order by id.instanceKey", instanceKey)
        .stream()
        .map(e -> e.id.instanceKey)
        .toList();
  }

  /** Replaces the recorded dependencies of {@code instanceKey}. */
  public static void record(String instanceKey, List<String> dependencies) {
    delete("id.instanceKey = ?1", instanceKey);
    for (String dependency : dependencies) {
      InstanceDependencyEntity edge = new InstanceDependencyEntity();
      edge.id = new Id(instanceKey, dependency);
      edge.persist();
    }
  }

  /** Forgets the dependencies of an uninstalled instance. */
  public static void forget(String instanceKey) {
    delete("id.instanceKey = ?1", instanceKey);
  }
}
