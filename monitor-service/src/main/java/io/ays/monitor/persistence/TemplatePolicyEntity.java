package io.ays.monitor.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A template's own restart settings; a null column keeps the monitor's setting. */
@Entity
@Table(name = "template_policy")
public class TemplatePolicyEntity extends PanacheEntityBase {

  /** {@code domain/name}. */
  @Id
  @Column(name = "template_key", length = 200)
  public String templateKey;

  /** The template version the settings were read from. */
  @Column(name = "content_hash", nullable = false, length = 64)
  public String contentHash;

  @Column(name = "initial_delay_ms")
  public Long initialDelayMs;

  @Column(name = "multiplier")
  public Double multiplier;

  @Column(name = "max_delay_ms")
  public Long maxDelayMs;

  @Column(name = "reset_after_ms")
  public Long resetAfterMs;

  @Column(name = "max_restarts")
  public Integer maxRestarts;

  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;
}
