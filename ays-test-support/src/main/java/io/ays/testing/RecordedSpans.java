package io.ays.testing;

import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * For tests only: the spans a service under test finished, kept in memory. Producing the exporter
 * as a bean makes Quarkus' OpenTelemetry SDK send every span here instead of to an OTLP endpoint.
 * Only a test run with {@link TracingProfile} has this bean, and records spans at all.
 */
@Singleton
public class RecordedSpans {

  private static final InMemorySpanExporter EXPORTER = InMemorySpanExporter.create();

  @Produces
  @Singleton
  InMemorySpanExporter exporter() {
    return EXPORTER;
  }

  /** Every span finished so far (in the order they were exported). */
  public static List<SpanData> all() {
    return EXPORTER.getFinishedSpanItems();
  }

  /**
   * The first finished span that matches {@code which}, waiting up to {@code timeout} for it (spans
   * are exported in batches, shortly after they end).
   */
  public static SpanData await(String what, Predicate<SpanData> which, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Optional<SpanData> found = all().stream().filter(which).findFirst();
      if (found.isPresent()) {
        return found.get();
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "no span " + what + " within " + timeout + "; finished: " + describe(all()));
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for span " + what, e);
      }
    }
  }

  /**
   * Whether {@code span} is a direct child of the span {@code parentSpanId} in trace {@code
   * traceId}.
   */
  public static boolean childOf(SpanData span, String traceId, String parentSpanId) {
    return span.getTraceId().equals(traceId)
        && span.getParentSpanId().equals(parentSpanId)
        && SpanId.isValid(parentSpanId);
  }

  private static String describe(List<SpanData> spans) {
    return spans.stream()
        .map(
            s ->
                s.getName()
                    + "("
                    + s.getTraceId()
                    + "/"
                    + s.getSpanId()
                    + "<-"
                    + s.getParentSpanId()
                    + ")")
        .toList()
        .toString();
  }
}
