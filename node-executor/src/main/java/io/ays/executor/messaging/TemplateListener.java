package io.ays.executor.messaging;

import io.ays.contracts.Channel;
import io.ays.contracts.TemplateDefinition;
import io.ays.executor.template.TemplateStore;
import io.ays.messaging.InboundGate;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Consumes {@code ays.templates} into the executor's local {@link TemplateStore}. */
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
    // Storing a version twice writes the same files: no processed-message record is needed.
    gate.handle(
        record,
        Channel.TEMPLATES,
        CONSUMER,
        InboundGate.Repeats.IGNORED_BY_HANDLER,
        event -> store.store(event.as(TemplateDefinition.class).data()));
  }
}
