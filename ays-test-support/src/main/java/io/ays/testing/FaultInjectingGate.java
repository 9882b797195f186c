package io.ays.testing;

import io.ays.contracts.Channel;
import io.ays.contracts.CloudEvent;
import io.ays.contracts.EventCodec;
import io.ays.contracts.EventFactory;
import io.ays.contracts.Topics;
import io.ays.messaging.DeadLetterCounter;
import io.ays.messaging.DependencyOutages;
import io.ays.messaging.InboundGate;
import io.ays.messaging.KafkaSender;
import io.ays.messaging.ProcessedMessages;
import io.ays.messaging.tracing.MessageSpans;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * For fault tests only: the service's {@link InboundGate}, except that the handler of a message
 * that carries the Kafka header {@value #HEADER} throws, as a bug in that consumer's use case
 * would. The test then checks that the message is dead-lettered with the error and that the
 * consumer goes on with the next one. A test enables it with {@link FaultInjectionProfile}; no
 * service has it otherwise.
 */
@Alternative
// A singleton, not application-scoped: a client proxy would need a no-args constructor, which
// InboundGate does not have.
@Singleton
public class FaultInjectingGate extends InboundGate {

  /** The header that marks a message whose handler is to fail. */
  public static final String HEADER = "ays-test-inject-fault";

  /** The message of the exception the handler throws; a dead letter's reason contains it. */
  public static final String FAULT = "fault injected by the test into the handler";

  /** Ids of admitted events that came in a marked record. */
  private final Set<String> marked = ConcurrentHashMap.newKeySet();

  public FaultInjectingGate(
      EventCodec codec,
      EventFactory events,
      KafkaSender sender,
      Topics topics,
      ProcessedMessages processed,
      DependencyOutages outages,
      DeadLetterCounter deadLetters,
      Clock clock,
      MessageSpans spans) {
    super(codec, events, sender, topics, processed, outages, deadLetters, clock, spans);
  }

  @Override
  public Optional<CloudEvent<?>> admit(
      ConsumerRecord<String, String> record, Channel channel, String consumer) {
    Optional<CloudEvent<?>> event = super.admit(record, channel, consumer);
    if (event.isPresent() && isMarked(record)) {
      marked.add(event.get().id());
    }
    return event;
  }

  @Override
  public void handle(
      ConsumerRecord<String, String> record,
      CloudEvent<?> event,
      Channel channel,
      String consumer,
      Repeats repeats,
      Consumer<CloudEvent<?>> handler) {
    if (isMarked(record)) {
      marked.add(event.id());
    }
    super.handle(record, event, channel, consumer, repeats, failingIfMarked(handler));
  }

  @Override
  public void handle(
      ConsumerRecord<String, String> record,
      Channel channel,
      String consumer,
      Repeats repeats,
      Consumer<CloudEvent<?>> handler) {
    super.handle(record, channel, consumer, repeats, failingIfMarked(handler));
  }

  @Override
  public void handleAll(
      List<ConsumerRecord<String, String>> records,
      Channel channel,
      String consumer,
      Repeats repeats,
      Consumer<CloudEvent<?>> handler) {
    super.handleAll(records, channel, consumer, repeats, failingIfMarked(handler));
  }

  /**
   * Whether {@code event} came in a marked record: for a consumer whose work runs outside the gate
   * (the executor's commands), where a test alternative of that work asks.
   */
  public boolean isMarked(CloudEvent<?> event) {
    return marked.contains(event.id());
  }

  private Consumer<CloudEvent<?>> failingIfMarked(Consumer<CloudEvent<?>> handler) {
    return event -> {
      if (isMarked(event)) {
        throw new IllegalStateException(FAULT);
      }
      handler.accept(event);
    };
  }

  /** Whether {@code record} carries the header {@value #HEADER}. */
  public static boolean isMarked(ConsumerRecord<String, String> record) {
    Header header = record.headers().lastHeader(HEADER);
    return header != null && "throw".equals(new String(header.value(), StandardCharsets.UTF_8));
  }
}
