package io.ays.coordinator.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/** An instance AYS manages: where it lives, what it was installed from, its current state. */
@Entity
@Table(name = "service_instance")
public class ServiceInstanceEntity extends PanacheEntityBase {

  @Id
  @Column(name = "instance_key")
  public String instanceKey;

  @Column(nullable = false)
  public String domain;

  @Column(nullable = false)
  public String name;

  @Column(nullable = false)
  public String instance;

  @Column(nullable = false)
  public String node;

  /** The template version of the last successful install; null before that. */
  @Column(name = "template_hash")
  public String templateHash;

  /** The validated answers, as JSON. */
  @Column(nullable = false, columnDefinition = "text")
  public String answers;

  /**
   * Whether the next install must run every phase (not "up to date") and the next start must run
   * the install's phases first: set by a reset or a removedata run, cleared by a successful install
   * or start.
   */
  @Column(name = "full_run_needed", nullable = false)
  public boolean fullRunNeeded;

  /** An {@code InstanceState} name. */
  @Column(nullable = false)
  public String state;

  @Column(name = "active_run_id")
  public UUID activeRunId;

  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;

  @Version public long version;

  /** A new instance, not yet persisted before this call returns it persisted, in state NEW. */
  public static ServiceInstanceEntity create(io.ays.contracts.InstanceKey key, String node) {
    ServiceInstanceEntity instance = new ServiceInstanceEntity();
    instance.instanceKey = key.toString();
    instance.domain = key.domain();
    instance.name = key.name();
    instance.instance = key.instance();
    instance.node = node;
    instance.answers = "{}";
    instance.state = io.ays.contracts.InstanceState.NEW.name();
    instance.updatedAt = java.time.Instant.now();
    instance.persist();
    return instance;
  }
}
