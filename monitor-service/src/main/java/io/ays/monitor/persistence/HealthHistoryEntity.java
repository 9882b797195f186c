package io.ays.monitor.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/** One change of an instance's health. */
@Entity
@Table(name = "health_history")
public class HealthHistoryEntity extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(name = "instance_key", nullable = false)
  public String instanceKey;

  @Column(nullable = false)
  public String status;

  @Column(nullable = false)
  public String source;

  @Column(columnDefinition = "text")
  public String message;

  @Column(name = "observed_at", nullable = false)
  public Instant observedAt;

  public static List<HealthHistoryEntity> of(String instanceKey, int limit) {
    return find("instanceKey = ?1 order by id desc", instanceKey).page(0, limit).list();
  }
}
