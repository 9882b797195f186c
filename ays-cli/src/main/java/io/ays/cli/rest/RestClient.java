package io.ays.cli.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import io.ays.cli.CliException;
import io.ays.cli.ExitCodes;
import io.ays.contracts.EventJson;
import io.ays.contracts.auth.Roles;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * JSON over HTTP to one AYS service. Every failure to reach it becomes a {@link CliException} that
 * names the service and its URL and says which option or variable sets it, so that a person knows
 * at once what to fix.
 */
public class RestClient {

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  /** Long enough for a registry sync of several repositories. */
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(120);

  private static final ObjectMapper JSON = EventJson.newObjectMapper();

  private final String service;
  private final URI base;
  private final String setting;
  private final String writeRole;
  private final BearerToken token;
  private final HttpClient http;

  /**
   * @param service how to name it to a person, e.g. {@code the coordinator}
   * @param base its URL without a trailing slash
   * @param setting the option and variable that set the URL, for the error message
   * @param writeRole the role its POSTs need, for the error message of a refused call
   * @param token sent as {@code Authorization: Bearer} with every request
   */
  public RestClient(String service, URI base, String setting, String writeRole, BearerToken token) {
    this.service = service;
    this.base = base;
    this.setting = setting;
    this.writeRole = writeRole;
    this.token = token;
    this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
  }

  public URI base() {
    return base;
  }

  public static ObjectMapper json() {
    return JSON;
  }

  public HttpAnswer get(String path) {
    return send(HttpRequest.newBuilder(uri(path)).GET(), path);
  }

  public HttpAnswer post(String path, Object body) {
    String json;
    try {
      json = body == null ? "" : JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the request body as JSON", e);
    }
    return send(
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)),
        path);
  }

  /** GET that must succeed: anything but 2xx is an error naming the service and the reason. */
  public JsonNode getOk(String path) {
    HttpAnswer answer = get(path);
    if (!answer.ok()) {
      throw new CliException(
          ExitCodes.FAILED,
          service + " answered " + answer.status() + " to GET " + path + ": " + answer.reason());
    }
    return answer.body();
  }

  private URI uri(String path) {
    return URI.create(base + path);
  }

  private HttpAnswer send(HttpRequest.Builder request, String path) {
    HttpResponse<String> response;
    token.value().ifPresent(t -> request.header("Authorization", "Bearer " + t));
    HttpRequest built =
        request
            .timeout(REQUEST_TIMEOUT)
            .header("Accept", "application/json, application/problem+json")
            .build();
    try {
      response = http.send(built, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw CliException.unreachable(
          service, base.toString(), "is AYS up (./ays ps)? " + setting + " sets the URL", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException(ExitCodes.FAILED, "interrupted while asking " + service);
    }
    if (response.statusCode() == 401 || response.statusCode() == 403) {
      throw refused(response.statusCode(), built.method(), path);
    }
    return new HttpAnswer(response.statusCode(), parse(response.body()));
  }

  /** Says which role the call needs and where the token came from. */
  private CliException refused(int status, String method, String path) {
    String role = "GET".equals(method) ? Roles.VIEWER : writeRole;
    String why =
        status == 401
            ? "refused the token (missing, expired, or not signed by the issuer it trusts)"
            : "refused: the token lacks the role " + role;
    return new CliException(
        ExitCodes.FAILED,
        service
            + " answered "
            + status
            + " to "
            + method
            + " "
            + path
            + ": "
            + why
            + ". It needs a token with the role "
            + role
            + " (or admin); token used: "
            + token.source()
            + ". `./ays token --role "
            + role
            + "` makes one (docs/security.md).");
  }

  /** JSON if it is JSON; error pages of a proxy or framework are kept as text. */
  private static JsonNode parse(String body) {
    if (body == null || body.isBlank()) {
      return null;
    }
    try {
      return JSON.readTree(body);
    } catch (JsonProcessingException e) {
      return TextNode.valueOf(body.strip());
    }
  }
}
