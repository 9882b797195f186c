package io.ays.coordinator.retention;

import io.ays.messaging.RetainedRecords;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Keeps the newest {@code ays.coordinator.template-versions-kept} (20) template versions received
 * per template, and deletes older ones unless an instance is installed from them or an unfinished
 * run uses them: restarts, reconfigurations and uninstalls of an instance use the version it was
 * installed from, however old. A request that pins a deleted version is refused as for any unknown
 * version.
 */
@ApplicationScoped
public class TemplateDefinitionRetention implements RetainedRecords {

  // The same order as TemplateDefinitionEntity.latest: newest received first.
  private static final String DELETE =
      """
      delete from {h-schema}template_definition
      where (domain, name, content_hash) in (
        select domain, name, content_hash from (
          select domain, name, content_hash, row_number() over (
                   partition by domain, name order by received_at desc, content_hash desc)
                 as position
          from {h-schema}template_definition) ranked
        where position > :kept
          and not exists (select 1 from {h-schema}service_instance i
                          where i.domain = ranked.domain and i.name = ranked.name
                            and i.template_hash = ranked.content_hash)
          and not exists (select 1 from {h-schema}run r
                          where r.template_hash = ranked.content_hash
                            and r.status in ('WAITING', 'QUEUED', 'RUNNING'))
        limit :limit)
      """;

  private final EntityManager entities;
  private final int kept;

  public TemplateDefinitionRetention(
      EntityManager entities,
      @ConfigProperty(name = "ays.coordinator.template-versions-kept", defaultValue = "20")
          int kept) {
    if (kept < 1) {
      throw new IllegalArgumentException(
          "ays.coordinator.template-versions-kept must be at least 1 (the newest), not " + kept);
    }
    this.entities = entities;
    this.kept = kept;
  }

  @Override
  public String kind() {
    return "template_definitions";
  }

  @Override
  public String rule() {
    return "the newest " + kept + " versions of each template and every version an instance uses";
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
