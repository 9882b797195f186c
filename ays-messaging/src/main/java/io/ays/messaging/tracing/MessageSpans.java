package io.ays.messaging.tracing;

import io.ays.contracts.CloudEvent;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.MDC;

/**
 * The spans AYS makes itself: one per handled message, continuing the {@code traceparent} the
 * message carries, and one per piece of work that starts or resumes a trace outside a message (a
 * crash report, a restart that fell due). While a span is current, its trace and span ids and the
 * AYS correlation id are in the logging MDC, so that every log line names them, and whatever the
 * work puts in the outbox carries the span as its parent.
 */
@ApplicationScoped
public class MessageSpans {

  /** Span attributes AYS sets (never a secret: keys, ids, names of phases and nodes). */
  public static final AttributeKey<String> INSTANCE_KEY =
      AttributeKey.stringKey("ays.instance.key");

  public static final AttributeKey<String> RUN_ID = AttributeKey.stringKey("ays.run.id");
  public static final AttributeKey<String> PHASE = AttributeKey.stringKey("ays.phase");
  public static final AttributeKey<String> NODE = AttributeKey.stringKey("ays.node");
  public static final AttributeKey<String> EVENT_ID = AttributeKey.stringKey("ays.event.id");
  public static final AttributeKey<String> EVENT_TYPE = AttributeKey.stringKey("ays.event.type");
  public static final AttributeKey<String> CORRELATION_ID =
      AttributeKey.stringKey("ays.correlation.id");

  /** The MDC keys of the log lines written while a span is current. */
  public static final String MDC_TRACE_ID = "traceId";

  public static final String MDC_SPAN_ID = "spanId";
  public static final String MDC_CORRELATION_ID = "correlationId";

  private final Tracer tracer;

  public MessageSpans(Tracer tracer) {
    this.tracer = tracer;
  }

  /**
   * Runs {@code work}, the handling of {@code event} read from {@code record}, in a consumer span
   * named {@code handle <event type>} whose parent is the record's {@code traceparent}.
   */
  public <E extends Exception> void handling(
      ConsumerRecord<String, String> record, CloudEvent<?> event, String consumer, Work<E> work)
      throws E {
    Span span =
        tracer
            .spanBuilder("handle " + event.type().type())
            .setParent(TraceParent.parse(TraceParent.in(record.headers())))
            .setSpanKind(SpanKind.CONSUMER)
            .setAttribute("messaging.system", "kafka")
            .setAttribute("messaging.operation.type", "process")
            .setAttribute("messaging.destination.name", record.topic())
            .setAttribute("messaging.consumer.group.name", consumer)
            .setAttribute(EVENT_ID, event.id())
            .setAttribute(EVENT_TYPE, event.type().type())
            .setAttribute(INSTANCE_KEY, record.key())
            .setAttribute(CORRELATION_ID, event.correlationId())
            .startSpan();
    within(span, event.correlationId(), work);
  }

  /**
   * Runs {@code work} in an internal span named {@code name}, a child of {@code traceparent} (a new
   * trace if null), with {@code attributes}; {@code correlationId} (may be null) goes to the MDC.
   */
  public void resuming(
      String name,
      String traceparent,
      String correlationId,
      Map<AttributeKey<String>, String> attributes,
      Runnable work) {
    within(start(name, traceparent, attributes), correlationId, work::run);
  }

  /** As {@link #resuming}, for work that returns a value. */
  public <T> T resuming(
      String name,
      String traceparent,
      String correlationId,
      Map<AttributeKey<String>, String> attributes,
      Supplier<T> work) {
    List<T> result = new ArrayList<>(1);
    within(
        start(name, traceparent, attributes),
        correlationId,
        () -> {
          result.add(work.get());
        });
    return result.get(0);
  }

  private Span start(
      String name, String traceparent, Map<AttributeKey<String>, String> attributes) {
    var builder =
        tracer
            .spanBuilder(name)
            .setParent(traceparent == null ? Context.current() : TraceParent.parse(traceparent));
    attributes.forEach(
        (key, value) -> {
          if (value != null) {
            builder.setAttribute(key, value);
          }
        });
    return builder.startSpan();
  }

  /** Sets attributes on the current span (what a handler learns: the run id, the phase ...). */
  public static void describe(Map<AttributeKey<String>, String> attributes) {
    Span span = Span.current();
    attributes.forEach(
        (key, value) -> {
          if (value != null) {
            span.setAttribute(key, value);
          }
        });
  }

  /** Work done in a span; {@code E} is what it may throw (say, {@link InterruptedException}). */
  @FunctionalInterface
  public interface Work<E extends Exception> {
    void run() throws E;
  }

  /** Names the current span after what its handler found the message to be. */
  public static void rename(String name) {
    Span.current().updateName(name);
  }

  private static <E extends Exception> void within(Span span, String correlationId, Work<E> work)
      throws E {
    Object previousTrace = MDC.get(MDC_TRACE_ID);
    Object previousSpan = MDC.get(MDC_SPAN_ID);
    Object previousCorrelation = MDC.get(MDC_CORRELATION_ID);
    try (Scope scope = span.makeCurrent()) {
      MDC.put(MDC_TRACE_ID, span.getSpanContext().getTraceId());
      MDC.put(MDC_SPAN_ID, span.getSpanContext().getSpanId());
      if (correlationId != null) {
        MDC.put(MDC_CORRELATION_ID, correlationId);
      }
      work.run();
    } catch (Exception | Error e) {
      span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
      throw e;
    } finally {
      span.end();
      restore(MDC_TRACE_ID, previousTrace);
      restore(MDC_SPAN_ID, previousSpan);
      restore(MDC_CORRELATION_ID, previousCorrelation);
    }
  }

  private static void restore(String key, Object previous) {
    if (previous == null) {
      MDC.remove(key);
    } else {
      MDC.put(key, previous);
    }
  }
}
