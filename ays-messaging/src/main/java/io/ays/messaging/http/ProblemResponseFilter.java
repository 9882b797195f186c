package io.ays.messaging.http;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;

/**
 * Makes every error response of a REST API a problem details body: a {@link ProblemDetails} a
 * resource or mapper answered gets the called path as its {@code instance}, and an error answered
 * without a body (RESTEasy's own 404, 405, 406, 415; Quarkus Security's 401 and 403) gets one
 * saying what its status means here. So no client meets an empty or HTML error from AYS.
 */
@Provider
public class ProblemResponseFilter implements ContainerResponseFilter {

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (response.getStatus() < 400) {
      return;
    }
    String path = request.getUriInfo().getRequestUri().getRawPath();
    Object entity = response.getEntity();
    ProblemDetails problem;
    if (entity instanceof ProblemDetails given) {
      problem = given.instance() == null ? given.at(path) : given;
    } else if (entity == null || entity instanceof String) {
      String detail =
          entity == null || ((String) entity).isBlank()
              ? StatusDetails.of(response.getStatus(), request.getMethod())
              : (String) entity;
      problem = ProblemDetails.of(response.getStatus(), detail).at(path);
    } else {
      return;
    }
    response.setEntity(
        problem, response.getEntityAnnotations(), MediaType.valueOf(ProblemDetails.MEDIA_TYPE));
  }
}
