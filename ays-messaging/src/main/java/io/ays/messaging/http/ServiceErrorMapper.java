package io.ays.messaging.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.ays.messaging.TransientFailures;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The answer of every AYS REST API to an exception its resource did not turn into a response: an
 * unavailable dependency (the database, the broker) is a 503 naming it, with {@code Retry-After},
 * and anything else a 500; a {@link WebApplicationException} (a resource's {@code
 * NotFoundException("no run ...")}, RESTEasy's own 404/405/415) keeps its status and headers and
 * says its message. All as {@link ProblemDetails}, never a bare error page.
 */
@Provider
public class ServiceErrorMapper implements ExceptionMapper<RuntimeException> {

  private static final Logger LOG = Logger.getLogger(ServiceErrorMapper.class);
  private static final int RETRY_AFTER_SECONDS = 5;

  @Override
  public Response toResponse(RuntimeException exception) {
    if (exception instanceof WebApplicationException web) {
      return problemOf(web);
    }
    Optional<TransientFailures.Dependency> dependency = TransientFailures.dependencyOf(exception);
    if (dependency.isPresent()) {
      LOG.warnf("answered 503: %s is unavailable: %s", dependency.get().label(), exception);
      return ProblemDetails.of(
              503,
              dependency.get().label()
                  + " is unavailable; try again once it is back (AYS holds no request it took)")
          .with("unavailable", dependency.get().name().toLowerCase())
          .builder()
          .header("Retry-After", RETRY_AFTER_SECONDS)
          .build();
    }
    LOG.error("answered 500", exception);
    return ProblemDetails.of(
            500, "the service failed: " + exception.getClass().getSimpleName() + " (see its log)")
        .response();
  }

  private static Response problemOf(WebApplicationException web) {
    Response given = web.getResponse();
    if (given.hasEntity()) {
      return given;
    }
    String detail;
    if (web.getCause() instanceof JsonProcessingException json) {
      detail = JsonBodyErrorMapper.detailOf(json);
    } else {
      // RESTEasy's own messages are "HTTP 404 Not Found": the filter's wording says more.
      String message = web.getMessage();
      detail = message == null || message.startsWith("HTTP " + given.getStatus()) ? null : message;
    }
    Response.ResponseBuilder answer = Response.fromResponse(given);
    if (detail != null) {
      answer.type(ProblemDetails.MEDIA_TYPE).entity(ProblemDetails.of(given.getStatus(), detail));
    }
    return answer.build();
  }
}
