package io.ays.registry.persistence;

import io.ays.messaging.RetainedRecords;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Keeps the newest {@code ays.registry.versions-kept} (20) versions of each template and deletes
 * older ones with their files. The current version is always among them. The registry does not know
 * which version an installed instance runs (the coordinator and the executors keep their own copy
 * of every version they received from {@code ays.templates}), so an old version an instance still
 * runs may be gone from the registry's REST answers: it is still installed, restarted and
 * reconfigured from those copies.
 */
@ApplicationScoped
public class TemplateVersionRetention implements RetainedRecords {

  // The same order as TemplateVersionEntity.history: newest first, ties by id.
  private static final String DELETE =
      """
      delete from {h-schema}template_version where id in (
        select id from (
          select id, row_number() over (
                   partition by domain, name order by created_at desc, id desc) as position
          from {h-schema}template_version) ranked
        where position > :kept
        order by id
        limit :limit)
      """;

  private final EntityManager entities;
  private final int kept;

  public TemplateVersionRetention(
      EntityManager entities,
      @ConfigProperty(name = "ays.registry.versions-kept", defaultValue = "20") int kept) {
    if (kept < 1) {
      throw new IllegalArgumentException(
          "ays.registry.versions-kept must be at least 1 (the current version), not " + kept);
    }
    this.entities = entities;
    this.kept = kept;
  }

  @Override
  public String kind() {
    return "template_versions";
  }

  @Override
  public String rule() {
    return "the newest " + kept + " versions of each template";
  }

  @Override
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public int pruneBatch(Instant now, int limit) {
    return entities
        .createNativeQuery(DELETE)
        .setParameter("kept", kept)
        .setParameter("limit", limit)
        .executeUpdate();
  }
}
