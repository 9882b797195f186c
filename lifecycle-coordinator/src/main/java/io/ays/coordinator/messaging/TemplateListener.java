package io.ays.coordinator.messaging;

import io.ays.contracts.Channel;
import io.ays.contracts.TemplateDefinition;
import io.ays.coordinator.domain.TemplateCatalog;
import io.ays.messaging.InboundGate;
import io.ays.model.template.ContentHash;
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

  private final InboundGate gate;
  private final TemplateCatalog catalog;

  public TemplateListener(InboundGate gate, TemplateCatalog catalog) {
    this.gate = gate;
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
    var event = gate.admit(record, Channel.TEMPLATES, CONSUMER);
    if (event.isEmpty()) {
      return;
    }
    TemplateDefinition definition = event.get().as(TemplateDefinition.class).data();
    // A version whose files are not what its hash says would be planned as that version.
    var mismatch = ContentHash.mismatch(definition.contentFiles(), definition.contentHash());
    if (mismatch.isPresent()) {
      gate.refuse(
          record,
          Channel.TEMPLATES,
          CONSUMER,
          event.get(),
          "template " + definition.key() + ": " + mismatch.get());
      return;
    }
    gate.handle(
        record,
        event.get(),
        Channel.TEMPLATES,
        CONSUMER,
        e -> catalog.store(e.as(TemplateDefinition.class).data()));
  }
}
