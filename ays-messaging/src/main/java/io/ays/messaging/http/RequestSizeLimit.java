package io.ays.messaging.http;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Refuses an HTTP request whose declared body ({@code Content-Length}) is over {@code
 * quarkus.http.limits.max-body-size} with 413 and RFC 9457 problem details naming the size and the
 * limit, before anything reads it (authentication included). Quarkus' own check, which answers a
 * bare 413, still cuts a body sent without a length (chunked) once it passes the limit.
 */
@ApplicationScoped
public class RequestSizeLimit {

  private static final Logger LOG = Logger.getLogger(RequestSizeLimit.class);
  static final String PROPERTY = "quarkus.http.limits.max-body-size";

  /** Before every route of the service and before Quarkus' own upload limit. */
  private static final int ORDER = Integer.MIN_VALUE + 100;

  private final long limit;

  public RequestSizeLimit(
      @ConfigProperty(name = PROPERTY, defaultValue = "10240K") MemorySize limit) {
    this.limit = limit.asLongValue();
  }

  void install(@Observes Router router) {
    router.route().order(ORDER).handler(this::check);
  }

  private void check(RoutingContext context) {
    String declared = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
    long length;
    try {
      length = declared == null ? -1 : Long.parseLong(declared.strip());
    } catch (NumberFormatException e) {
      length = -1; // Vert.x refuses a malformed length itself
    }
    if (length <= limit) {
      context.next();
      return;
    }
    String detail =
        "the request body is "
            + length
            + " bytes, over the limit of "
            + limit
            + " bytes ("
            + PROPERTY
            + ")";
    LOG.warnf("%s %s refused: %s", context.request().method(), context.request().path(), detail);
    context
        .response()
        .setStatusCode(413)
        .putHeader(HttpHeaders.CONTENT_TYPE, ProblemDetails.MEDIA_TYPE)
        // The body was not read: the connection cannot carry another request.
        .putHeader(HttpHeaders.CONNECTION, "close")
        .end(Json.encode(ProblemDetails.of(413, detail).at(context.request().path()).members()))
        .onComplete(done -> context.request().connection().close());
  }
}
