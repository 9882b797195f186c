package io.ays.messaging.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * A request body that is not the JSON its endpoint takes is a 400 saying what the parser found
 * where (line and column), as problem details.
 */
@Provider
public class JsonBodyErrorMapper implements ExceptionMapper<JsonProcessingException> {

  @Override
  public Response toResponse(JsonProcessingException exception) {
    return ProblemDetails.of(400, detailOf(exception)).response();
  }

  static String detailOf(JsonProcessingException exception) {
    JsonLocation where = exception.getLocation();
    return "request body: "
        + exception.getOriginalMessage()
        + (where == null
            ? ""
            : " (line " + where.getLineNr() + ", column " + where.getColumnNr() + ")");
  }
}
