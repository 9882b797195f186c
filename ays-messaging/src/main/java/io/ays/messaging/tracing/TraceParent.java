package io.ays.messaging.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The W3C {@code traceparent} of a message: written as a Kafka record header (and kept with an
 * outbox row until the relay sends it), read back as the parent of the span that handles the
 * message. Only the version-00 form is produced and understood; anything else is ignored, so a
 * malformed header starts a new trace instead of failing the message.
 */
public final class TraceParent {

  /** The Kafka record header that carries it (the W3C Trace Context name). */
  public static final String HEADER = "traceparent";

  private static final Pattern FORMAT =
      Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})");

  private TraceParent() {}

  /** The traceparent of the current span, or null if there is none. */
  public static String current() {
    return of(Span.current().getSpanContext());
  }

  /** The traceparent of {@code span}, or null if it is not a valid span context. */
  public static String of(SpanContext span) {
    if (!span.isValid()) {
      return null;
    }
    return "00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getTraceFlags().asHex();
  }

  /** The context whose remote parent {@code traceparent} names; the root context if none. */
  public static Context parse(String traceparent) {
    if (traceparent == null) {
      return Context.root();
    }
    var match = FORMAT.matcher(traceparent.trim());
    if (!match.matches()) {
      return Context.root();
    }
    SpanContext remote =
        SpanContext.createFromRemoteParent(
            match.group(1),
            match.group(2),
            TraceFlags.fromHex(match.group(3), 0),
            TraceState.getDefault());
    return remote.isValid() ? Context.root().with(Span.wrap(remote)) : Context.root();
  }

  /** The traceparent in {@code headers}, or null. */
  public static String in(Headers headers) {
    Header header = headers.lastHeader(HEADER);
    return header == null || header.value() == null
        ? null
        : new String(header.value(), StandardCharsets.US_ASCII);
  }

  /** Puts {@code traceparent} in {@code headers}, if there is one. */
  public static void put(Headers headers, String traceparent) {
    if (traceparent != null) {
      headers.remove(HEADER);
      headers.add(HEADER, traceparent.getBytes(StandardCharsets.US_ASCII));
    }
  }
}
