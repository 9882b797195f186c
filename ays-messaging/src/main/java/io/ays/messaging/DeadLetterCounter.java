package io.ays.messaging;

import io.ays.contracts.Channel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Counts the inbound messages the {@link InboundGate} dead-letters, as {@code
 * ays_inbound_dead_lettered_total{channel, reason}}. The reason label is one of four words ({@link
 * InboundGate.Refusal#label()}), never the reason's text (which names fields and values without
 * bound); the text is in the dead letter. Made at start (not at the first dead letter, as an
 * injected bean would be), with every channel and reason registered at zero, so that a rate over
 * the counter is defined before the first dead letter.
 */
@Startup
@ApplicationScoped
public class DeadLetterCounter {

  private final Map<Channel, Map<InboundGate.Refusal, Counter>> counters =
      new EnumMap<>(Channel.class);

  public DeadLetterCounter(MeterRegistry registry) {
    for (Channel channel : Channel.values()) {
      Map<InboundGate.Refusal, Counter> byReason = new EnumMap<>(InboundGate.Refusal.class);
      for (InboundGate.Refusal reason : InboundGate.Refusal.values()) {
        byReason.put(
            reason,
            Counter.builder("ays.inbound.dead.lettered")
                .description("Inbound messages sent to the dead-letter topic")
                .tag("channel", channel.name().toLowerCase(Locale.ROOT))
                .tag("reason", reason.label())
                .register(registry));
      }
      counters.put(channel, byReason);
    }
  }

  void count(Channel channel, InboundGate.Refusal reason) {
    counters.get(channel).get(reason).increment();
  }
}
