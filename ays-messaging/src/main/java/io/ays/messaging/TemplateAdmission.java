package io.ays.messaging;

import io.ays.contracts.Channel;
import io.ays.contracts.TemplateDefinition;
import io.ays.model.template.ContentHash;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The door of {@code ays.templates}: a template version is handled only if its files have the
 * content hash it names, recomputed here and never trusted (the registry's own function), since a
 * version whose files are not what its hash says would be planned and run as that version. A
 * mismatch is dead-lettered naming the template; everything else is as {@link InboundGate}.
 */
@ApplicationScoped
public class TemplateAdmission {

  private final InboundGate gate;

  public TemplateAdmission(InboundGate gate) {
    this.gate = gate;
  }

  /**
   * Decodes and checks {@code record}, then hands its definition to {@code handler} via the gate.
   */
  public void handle(
      ConsumerRecord<String, String> record,
      String consumer,
      InboundGate.Repeats repeats,
      Consumer<TemplateDefinition> handler) {
    var event = gate.admit(record, Channel.TEMPLATES, consumer);
    if (event.isEmpty()) {
      return;
    }
    TemplateDefinition definition = event.get().as(TemplateDefinition.class).data();
    var mismatch = ContentHash.mismatch(definition.contentFiles(), definition.contentHash());
    if (mismatch.isPresent()) {
      gate.refuse(
          record,
          Channel.TEMPLATES,
          consumer,
          event.get(),
          "template " + definition.key() + ": " + mismatch.get());
      return;
    }
    gate.handle(
        record, event.get(), Channel.TEMPLATES, consumer, repeats, e -> handler.accept(definition));
  }
}
