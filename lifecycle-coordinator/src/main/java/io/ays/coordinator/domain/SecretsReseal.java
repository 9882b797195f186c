package io.ays.coordinator.domain;

import io.ays.contracts.secrets.SecretBox;
import io.ays.coordinator.config.CoordinatorConfig;
import io.ays.coordinator.persistence.RunEntity;
import io.ays.coordinator.persistence.ServiceInstanceEntity;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * After a key rotation, seals again with the current key every stored secret an older key (or no
 * key id) sealed: instances' answers, runs' answers and resolved configurations. Runs at startup
 * ({@code ays.coordinator.secrets.reseal-at-start}), a batch per transaction; once it reports none
 * left, the old keys can be dropped from the ring.
 */
@ApplicationScoped
public class SecretsReseal {

  private static final Logger LOG = Logger.getLogger(SecretsReseal.class);
  private static final int BATCH = 200;

  private final SecretValues secrets;
  private final SecretBox box;
  private final CoordinatorConfig config;

  public SecretsReseal(SecretValues secrets, SecretBox box, CoordinatorConfig config) {
    this.secrets = secrets;
    this.box = box;
    this.config = config;
  }

  void onStart(@Observes StartupEvent event) {
    if (!config.secrets().resealAtStart()) {
      return;
    }
    try {
      int rows = resealAll();
      if (rows > 0) {
        LOG.infof("sealed the secrets of %d rows again with the key %s", rows, box.currentKeyId());
      }
    } catch (RuntimeException e) {
      // The database may be down at startup: the next start tries again, old keys still open.
      LOG.warnf("could not seal stored secrets again with the current key: %s", e.toString());
    }
  }

  /** Reseals every row that holds a value of an older key; returns how many rows changed. */
  public int resealAll() {
    String filter = olderValuesFilter();
    int total = 0;
    // Batches follow the primary key, not page 0 again: a row the filter matches but that needs
    // no change (see olderValuesFilter) would otherwise come back in every batch and, 200 of
    // them, end the loop before the rows after them.
    Batch<String> instances = new Batch<>(0, "");
    do {
      String after = instances.last();
      instances = QuarkusTransaction.requiringNew().call(() -> resealInstances(filter, after));
      total += instances.changed();
    } while (instances.last() != null);
    Batch<UUID> runs = new Batch<>(0, new UUID(0, 0));
    do {
      UUID after = runs.last();
      runs = QuarkusTransaction.requiringNew().call(() -> resealRuns(filter, after));
      total += runs.changed();
    } while (runs.last() != null);
    return total;
  }

  /** How many rows of a batch changed, and the key to go on after (none when it was the last). */
  private record Batch<K>(int changed, K last) {}

  private Batch<String> resealInstances(String filter, String after) {
    int changed = 0;
    List<ServiceInstanceEntity> rows =
        ServiceInstanceEntity.<ServiceInstanceEntity>find(
                "("
                    + filter.replace("%col", "answers")
                    + ") and instanceKey > ?1 order by instanceKey",
                after)
            .page(0, BATCH)
            .list();
    for (ServiceInstanceEntity row : rows) {
      var answers = secrets.resealed(row.answers);
      if (answers.isPresent()) {
        row.answers = answers.get();
        changed++;
      }
    }
    return new Batch<>(changed, rows.size() < BATCH ? null : rows.get(rows.size() - 1).instanceKey);
  }

  private Batch<UUID> resealRuns(String filter, UUID after) {
    int changed = 0;
    List<RunEntity> rows =
        RunEntity.<RunEntity>find(
                "(("
                    + filter.replace("%col", "answers")
                    + ") or ("
                    + filter.replace("%col", "resolvedConfig")
                    + ")) and id > ?1 order by id",
                after)
            .page(0, BATCH)
            .list();
    for (RunEntity row : rows) {
      var answers = secrets.resealed(row.answers);
      var config = secrets.resealed(row.resolvedConfig);
      answers.ifPresent(a -> row.answers = a);
      config.ifPresent(c -> row.resolvedConfig = c);
      if (answers.isPresent() || config.isPresent()) {
        changed++;
      }
    }
    return new Batch<>(changed, rows.size() < BATCH ? null : rows.get(rows.size() - 1).id);
  }

  /**
   * A condition on column {@code %col} that holds a value sealed without a key id or with a key of
   * the ring other than the current one. Key ids are letters, digits, '.', '_' and '-': no quote; a
   * '_' matching any character only lets a row through that {@link SecretValues#resealed} leaves
   * alone.
   */
  private String olderValuesFilter() {
    List<String> likes = new ArrayList<>();
    likes.add("%col like '%" + SecretBox.PREFIX_V1 + "%'");
    for (String id : box.keyIds()) {
      if (!id.equals(box.currentKeyId())) {
        likes.add("%col like '%" + SecretBox.PREFIX + id + ":%'");
      }
    }
    return String.join(" or ", likes);
  }
}
