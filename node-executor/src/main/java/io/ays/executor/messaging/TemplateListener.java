package io.ays.executor.messaging;

import io.ays.executor.template.TemplateStore;
import io.ays.messaging.InboundGate;
import io.ays.messaging.TemplateAdmission;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code ays.templates} into the executor's local {@link TemplateStore}; a version whose
 * files do not have its content hash is dead-lettered.
 */
@ApplicationScoped
public class TemplateListener {

  static final String CONSUMER = "executor.templates";

  private final TemplateAdmission templates;
  private final TemplateStore store;

  public TemplateListener(TemplateAdmission templates, TemplateStore store) {
    this.templates = templates;
    this.store = store;
  }

  @Incoming("templates")
  @Blocking
  public void onTemplate(ConsumerRecord<String, String> record) {
    if (record.value() == null) {
      return; // tombstone: stored versions stay, running instances keep using theirs
    }
    // Storing a version twice writes the same files: no processed-message record is needed.
    templates.handle(record, CONSUMER, InboundGate.Repeats.IGNORED_BY_HANDLER, store::store);
  }
}
