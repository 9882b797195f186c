package io.ays.executor.messaging;

import io.ays.contracts.Channel;
import io.ays.contracts.TemplateDefinition;
import io.ays.executor.template.TemplateStore;
import io.ays.messaging.InboundGate;
import io.ays.model.template.ContentHash;
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

  private final InboundGate gate;
  private final TemplateStore store;

  public TemplateListener(InboundGate gate, TemplateStore store) {
    this.gate = gate;
    this.store = store;
  }

  @Incoming("templates")
  @Blocking
  public void onTemplate(ConsumerRecord<String, String> record) {
    if (record.value() == null) {
      return; // tombstone: stored versions stay, running instances keep using theirs
    }
    var event = gate.admit(record, Channel.TEMPLATES, CONSUMER);
    if (event.isEmpty()) {
      return;
    }
    TemplateDefinition definition = event.get().as(TemplateDefinition.class).data();
    // Files whose hash is not the version's would be run as that version: refuse them.
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
    // Storing a version twice writes the same files: no processed-message record is needed.
    gate.handle(
        record,
        event.get(),
        Channel.TEMPLATES,
        CONSUMER,
        InboundGate.Repeats.IGNORED_BY_HANDLER,
        e -> store.store(definition));
  }
}
