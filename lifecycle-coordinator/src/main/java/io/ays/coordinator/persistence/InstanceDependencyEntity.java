package io.ays.coordinator.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

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

  /**
   * Replaces the recorded dependencies of {@code instanceKey}: removes the edges no longer wanted
   * and adds the new ones. (A bulk delete of all the edges first, as before, was translated from
   * HQL to SQL anew on every install: a third of request intake's CPU.)
   */
  public static void record(String instanceKey, List<String> dependencies) {
    Set<String> missing = new LinkedHashSet<>(dependencies);
    for (InstanceDependencyEntity edge :
        InstanceDependencyEntity.<InstanceDependencyEntity>list(
            "id.instanceKey = ?1", instanceKey)) {
      if (!missing.remove(edge.id.dependsOn)) {
        edge.delete();
      }
    }
    for (String dependency : missing) {
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
