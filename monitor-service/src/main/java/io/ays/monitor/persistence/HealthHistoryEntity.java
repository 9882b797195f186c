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
import java.util.Optional;

/** One entry of an instance's health history: a status change, a crash, or a monitor decision. */
@Entity
@Table(name = "health_history")
public class HealthHistoryEntity extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(name = "instance_key", nullable = false, length = 302)
  public String instanceKey;

  @Column(name = "at", nullable = false)
  public Instant at;

  /** A {@code HistoryKind} name. */
  @Column(name = "kind", nullable = false, length = 30)
  public String kind;

  @Column(name = "status", length = 20)
  public String status;

  @Column(name = "source", length = 20)
  public String source;

  @Column(name = "message", columnDefinition = "text")
  public String message;

  /** The event that caused the entry (a health report, lifecycle change or request sent). */
  @Column(name = "event_id", length = 200)
  public String eventId;

  /**
   * The newest entry of {@code instanceKey} whose report came from {@code source} at or after
   * {@code since}, if any.
   */
  public static Optional<HealthHistoryEntity> newestFromSourceSince(
      String instanceKey, String source, Instant since) {
    return find(
            "instanceKey = ?1 and source = ?2 and at >= ?3 order by id desc",
            instanceKey,
            source,
            since)
        .firstResultOptional();
  }

  /** The newest {@code limit} entries of {@code instanceKey}, newest first. */
  public static List<HealthHistoryEntity> newestOf(String instanceKey, int limit) {
    return find("instanceKey = ?1 order by id desc", instanceKey).page(0, limit).list();
  }
}
