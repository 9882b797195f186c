package io.ays.coordinator.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Optional;

/** A template version as the registry published it; what requests are resolved against. */
@Entity
@Table(name = "template_definition")
@IdClass(TemplateDefinitionEntity.Key.class)
public class TemplateDefinitionEntity extends PanacheEntityBase {

  /** Composite key: a template's identity plus its content hash. */
  public record Key(String domain, String name, String contentHash) implements Serializable {
    public Key() {
      this(null, null, null);
    }
  }

  @Id public String domain;
  @Id public String name;

  @Id
  @Column(name = "content_hash")
  public String contentHash;

  @Column(name = "service_hrd", nullable = false, columnDefinition = "text")
  public String serviceHrd;

  @Column(name = "instance_hrd", columnDefinition = "text")
  public String instanceHrd;

  @Column(name = "has_management_actions", nullable = false)
  public boolean hasManagementActions;

  public String repository;

  @Column(name = "source_commit")
  public String sourceCommit;

  @Column(name = "received_at", nullable = false)
  public Instant receivedAt;

  /** The newest version of {@code domain/name}, if any was published. */
  public static Optional<TemplateDefinitionEntity> latest(String domain, String name) {
    return find("domain = ?1 and name = ?2 order by receivedAt desc", domain, name)
        .firstResultOptional();
  }

  /** A given version of {@code domain/name}. */
  public static Optional<TemplateDefinitionEntity> version(
      String domain, String name, String hash) {
    return find("domain = ?1 and name = ?2 and contentHash = ?3", domain, name, hash)
        .firstResultOptional();
  }
}
