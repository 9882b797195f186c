package io.ays.coordinator.messaging;

import io.ays.coordinator.domain.TemplateCatalog;
import io.ays.messaging.InboundGate;
import io.ays.messaging.TemplateAdmission;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code ays.templates}, the registry's published template versions; a version whose files
 * do not have its content hash is dead-lettered.
 */
@ApplicationScoped
public class TemplateListener {

  static final String CONSUMER = "coordinator.templates";

  private final TemplateAdmission templates;
  private final TemplateCatalog catalog;

  public TemplateListener(TemplateAdmission templates, TemplateCatalog catalog) {
    this.templates = templates;
    this.catalog = catalog;
  }

  @Incoming("templates")
  @Blocking
  public void onTemplate(ConsumerRecord<String, String> record) {
    if (record.value() == null) {
      // A tombstone on the compacted topic: the template was deleted from its repository.
      // Installed instances keep their version; new installs will not find it as "latest".
      return;
    }
    templates.handle(record, CONSUMER, InboundGate.Repeats.RECORDED, catalog::store);
  }
}
