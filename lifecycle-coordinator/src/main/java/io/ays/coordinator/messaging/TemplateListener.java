package io.ays.coordinator.messaging;

import io.ays.contracts.Channel;
import io.ays.contracts.TemplateDefinition;
import io.ays.coordinator.domain.TemplateCatalog;
import io.ays.messaging.InboundGate;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Consumes {@code ays.templates}, the registry's published template versions. */
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
    gate.handle(
        record,
        Channel.TEMPLATES,
        CONSUMER,
        event -> catalog.store(event.as(TemplateDefinition.class).data()));
  }
}
