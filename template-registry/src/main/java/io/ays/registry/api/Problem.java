package io.ays.registry.api;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The JSON body of a refused request: what was wrong, naming the field, file or line. */
public record Problem(String error) {

  static Response of(Response.Status status, String error) {
    return Response.status(status)
        .entity(new Problem(error))
        .type(MediaType.APPLICATION_JSON)
        .build();
  }
}
