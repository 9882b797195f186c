package io.ays.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The answer of every AYS REST API to an exception its resource did not turn into a response: an
 * unavailable dependency (the database, the broker) is a 503 naming it, with {@code Retry-After},
 * and anything else a 500; both as RFC 9457 problem details ({@code application/problem+json}),
 * never a bare error page. A {@link WebApplicationException} keeps the response it carries.
 */
@Provider
public class ServiceErrorMapper implements ExceptionMapper<RuntimeException> {

  private static final Logger LOG = Logger.getLogger(ServiceErrorMapper.class);
  static final String PROBLEM_JSON = "application/problem+json";
  private static final int RETRY_AFTER_SECONDS = 5;
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public Response toResponse(RuntimeException exception) {
    if (exception instanceof WebApplicationException web) {
      return web.getResponse();
    }
    Optional<TransientFailures.Dependency> dependency = TransientFailures.dependencyOf(exception);
    if (dependency.isPresent()) {
      LOG.warnf("answered 503: %s is unavailable: %s", dependency.get().label(), exception);
      return problem(
              Response.Status.SERVICE_UNAVAILABLE,
              dependency.get().label()
                  + " is unavailable; try again once it is back (AYS holds no request it took)",
              dependency.get().name().toLowerCase())
          .header("Retry-After", RETRY_AFTER_SECONDS)
          .build();
    }
    LOG.error("answered 500", exception);
    return problem(
            Response.Status.INTERNAL_SERVER_ERROR,
            "the service failed: " + exception.getClass().getSimpleName() + " (see its log)",
            null)
        .build();
  }

  private static Response.ResponseBuilder problem(
      Response.Status status, String detail, String unavailable) {
    // Written here, not by the JAX-RS writers: they may not take a problem+json body.
    return Response.status(status)
        .type(PROBLEM_JSON)
        .entity(problemJson(status.getStatusCode(), status.getReasonPhrase(), detail, unavailable));
  }

  /** An RFC 9457 problem details body, as every AYS service writes one. */
  static String problemJson(int status, String title, String detail, String unavailable) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "about:blank");
    body.put("title", title);
    body.put("status", status);
    body.put("detail", detail);
    // The field earlier clients of AYS read their error from.
    body.put("reason", detail);
    if (unavailable != null) {
      body.put("unavailable", unavailable);
    }
    try {
      return JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a problem body of strings could not be written", e);
    }
  }
}
