package io.ays.messaging.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

/** Writes a {@link ProblemDetails} as its JSON members, whatever media type was negotiated. */
@Provider
@Produces({ProblemDetails.MEDIA_TYPE, MediaType.APPLICATION_JSON, MediaType.WILDCARD})
public class ProblemDetailsWriter implements MessageBodyWriter<ProblemDetails> {

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  @Override
  public boolean isWriteable(
      Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
    return ProblemDetails.class.isAssignableFrom(type);
  }

  @Override
  public void writeTo(
      ProblemDetails problem,
      Class<?> type,
      Type genericType,
      Annotation[] annotations,
      MediaType mediaType,
      MultivaluedMap<String, Object> headers,
      OutputStream out)
      throws IOException {
    out.write(JSON.writeValueAsBytes(problem.members()));
  }
}
