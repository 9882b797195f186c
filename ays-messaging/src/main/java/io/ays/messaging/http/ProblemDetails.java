package io.ays.messaging.http;

import jakarta.ws.rs.core.Response;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * An RFC 9457 problem details body ({@code application/problem+json}): the one form of every error
 * an AYS REST API answers. {@code type} is {@code about:blank} (the status says what kind of
 * problem it is), {@code title} the status's reason phrase, {@code detail} what was wrong in this
 * request (naming the field, file or line), {@code instance} the path that was called; extension
 * members add what a client can act on, such as {@code problems}, the list of every invalid field.
 * {@link ProblemResponseFilter} fills {@code instance} in and writes the body.
 */
public final class ProblemDetails {

  /** The media type of a problem details body. */
  public static final String MEDIA_TYPE = "application/problem+json";

  /** The members RFC 9457 defines; the others are extensions. */
  private static final Set<String> STANDARD =
      Set.of("type", "title", "status", "detail", "instance");

  private final int status;
  private final String detail;
  private final String instance;
  private final Map<String, Object> extensions;

  private ProblemDetails(
      int status, String detail, String instance, Map<String, Object> extensions) {
    this.status = status;
    this.detail = detail;
    this.instance = instance;
    this.extensions = extensions;
  }

  /** A problem of HTTP status {@code status}, {@code detail} saying what was wrong. */
  public static ProblemDetails of(int status, String detail) {
    return new ProblemDetails(status, detail, null, Map.of());
  }

  /** The same problem with the extension member {@code name} (any JSON-writable value). */
  public ProblemDetails with(String name, Object value) {
    if (STANDARD.contains(name)) {
      throw new IllegalArgumentException(name + " is a standard member, not an extension");
    }
    Map<String, Object> more = new LinkedHashMap<>(extensions);
    more.put(name, value);
    return new ProblemDetails(status, detail, instance, Collections.unmodifiableMap(more));
  }

  /** The same problem as met at {@code path}. */
  public ProblemDetails at(String path) {
    return new ProblemDetails(status, detail, path, extensions);
  }

  public int status() {
    return status;
  }

  public String instance() {
    return instance;
  }

  /** A response of this status with this body, to add headers to. */
  public Response.ResponseBuilder builder() {
    return Response.status(status).type(MEDIA_TYPE).entity(this);
  }

  /** A response of this status with this body. */
  public Response response() {
    return builder().build();
  }

  /** The JSON members in RFC 9457 order, then the extensions. */
  public Map<String, Object> members() {
    Map<String, Object> members = new LinkedHashMap<>();
    members.put("type", "about:blank");
    members.put("title", title(status));
    members.put("status", status);
    members.put("detail", detail);
    if (instance != null) {
      members.put("instance", instance);
    }
    members.putAll(extensions);
    return members;
  }

  /** The reason phrase of {@code status}, or a generic one for a status JAX-RS does not name. */
  static String title(int status) {
    if (status == 422) {
      return "Unprocessable Content";
    }
    Response.Status known = Response.Status.fromStatusCode(status);
    if (known != null) {
      return known.getReasonPhrase();
    }
    return status >= 500 ? "Server Error" : "Client Error";
  }
}
