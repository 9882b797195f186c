package io.ays.monitor.messaging;

import io.ays.messaging.InboundGate;
import io.ays.messaging.TemplateAdmission;
import io.ays.monitor.domain.TemplatePolicies;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code ays.templates} for the templates' own restart settings. A version whose files do
 * not have its content hash, or a bad setting, is dead-lettered (the latter with the template, line
 * and key); the monitor goes on with the next definition.
 */
@ApplicationScoped
public class TemplateListener {

  static final String CONSUMER = "monitor.templates";

  private final InboundGate gate;
  private final TemplateAdmission templates;
  private final TemplatePolicies policies;

  public TemplateListener(
      InboundGate gate, TemplateAdmission templates, TemplatePolicies policies) {
    this.gate = gate;
    this.templates = templates;
    this.policies = policies;
  }

  @Incoming("templates")
  @Blocking
  public void onTemplate(ConsumerRecord<String, String> record) {
    if (record.value() == null) {
      // A tombstone: the template was deleted (no envelope to check).
      if (record.key() != null) {
        gate.run(CONSUMER, () -> policies.onRemoved(record.key()));
      }
      return;
    }
    templates.handle(record, CONSUMER, InboundGate.Repeats.RECORDED, policies::onDefinition);
  }
}
