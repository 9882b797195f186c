package io.ays.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks a running service against its own OpenAPI document ({@code /q/openapi}): the document is
 * valid OpenAPI 3.1, names every resource method of the code with its summary and roles, documents
 * 401/403 where a token is needed, gives every error a problem details body, and every documented
 * error is what the service really answers: each is provoked (401 and 403 here, the others by the
 * caller's {@link Provocation}s) or named as skipped with the reason.
 *
 * <p>The schema {@code openapi/openapi-3.1-schema.json} is the official OpenAPI 3.1 JSON schema,
 * {@code src/schemas/validation/schema.yaml} of https://github.com/OAI/OpenAPI-Specification
 * (branch v3.1-dev, commit 76fa096c152fc4cbde540c5342a70333a05d6be1, Apache License 2.0), converted
 * to JSON unchanged.
 */
public final class OpenApiConformance {

  /** The media type every AYS error body has. */
  public static final String PROBLEM_JSON = "application/problem+json";

  private static final String SCHEMA = "/openapi/openapi-3.1-schema.json";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private OpenApiConformance() {}

  /**
   * A request that makes {@code operation} (as {@code "GET /runs/{id}"}) answer {@code status}.
   * {@code role} is the role of the token sent (null: none).
   */
  public record Provocation(
      String operation,
      int status,
      String role,
      String method,
      String path,
      String contentType,
      byte[] body) {

    public static Provocation get(String operation, int status, String role, String path) {
      return new Provocation(operation, status, role, "GET", path, null, null);
    }

    public static Provocation post(
        String operation, int status, String role, String path, String contentType, String body) {
      return new Provocation(
          operation,
          status,
          role,
          "POST",
          path,
          contentType,
          body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public static Provocation post(
        String operation, int status, String role, String path, String contentType, byte[] body) {
      return new Provocation(operation, status, role, "POST", path, contentType, body);
    }

    String key() {
      return operation + " " + status;
    }
  }

  /** The service's OpenAPI document, read as anyone may read it: without a token. */
  public static JsonNode document(URI base) {
    HttpResponse<String> response = send(base, "GET", "/q/openapi?format=json", null, null, null);
    if (response.statusCode() != 200) {
      throw new AssertionError("GET /q/openapi answered " + response.statusCode());
    }
    return parse(response.body(), "/q/openapi");
  }

  /**
   * Asserts all of the class comment for the service at {@code base}, whose resources are under
   * {@code basePackage}. {@code skipped} names documented errors not provoked, by {@code "GET
   * /runs/{id} 503"} or {@code "* 503"} (every operation), with the reason.
   */
  public static void assertConforms(
      URI base, String basePackage, List<Provocation> provocations, Map<String, String> skipped) {
    JsonNode document = document(base);
    List<String> failures = new ArrayList<>();
    for (ValidationMessage error : schema().validate(document)) {
      failures.add("not valid OpenAPI 3.1: " + error);
    }
    Map<String, EndpointRoles.Endpoint> operations = EndpointRoles.operations(basePackage);
    if (operations.isEmpty()) {
      throw new AssertionError("no JAX-RS resource method found under " + basePackage);
    }
    Set<String> documentedErrors = new TreeSet<>();
    operations.forEach(
        (operation, endpoint) -> {
          JsonNode documented = operationOf(document, operation);
          if (documented == null) {
            failures.add(operation + " (" + endpoint.where() + "): not in the OpenAPI document");
            return;
          }
          failures.addAll(checkDescription(operation, endpoint, documented));
          documented
              .path("responses")
              .fieldNames()
              .forEachRemaining(
                  code -> {
                    if (code.startsWith("4") || code.startsWith("5")) {
                      documentedErrors.add(operation + " " + code);
                    }
                  });
        });
    Set<String> provoked = new HashSet<>();
    for (Provocation p : provocations) {
      if (!documentedErrors.contains(p.key())) {
        failures.add(p.key() + ": provoked, but not documented");
      }
      provoked.add(p.key());
      failures.addAll(answersProblem(base, p));
    }
    for (String error : documentedErrors) {
      String operation = error.substring(0, error.lastIndexOf(' '));
      int status = Integer.parseInt(error.substring(error.lastIndexOf(' ') + 1));
      EndpointRoles.Endpoint endpoint = operations.get(operation);
      if (status == 401) {
        Provocation anonymous = generic(operation, endpoint, 401, null);
        failures.addAll(answersProblem(base, anonymous, null));
        // A token that fails verification is refused before any resource runs: same answer.
        failures.addAll(answersProblem(base, anonymous, "Bearer not-a-jwt"));
      } else if (status == 403) {
        failures.addAll(
            answersProblem(base, generic(operation, endpoint, 403, endpoint.refused())));
      } else if (!provoked.contains(error)
          && !skipped.containsKey(error)
          && !skipped.containsKey("* " + status)) {
        failures.add(error + ": documented, but neither provoked nor skipped with a reason");
      }
    }
    if (!failures.isEmpty()) {
      throw new AssertionError(
          "the OpenAPI document and the service disagree:\n  " + String.join("\n  ", failures));
    }
  }

  /** The summary, the roles (as the security requirement and x-ays-roles) and 401/403. */
  private static List<String> checkDescription(
      String operation, EndpointRoles.Endpoint endpoint, JsonNode documented) {
    List<String> failures = new ArrayList<>();
    if (documented.path("summary").asText("").isBlank()) {
      failures.add(operation + ": no summary");
    }
    Set<String> roles = new TreeSet<>(endpoint.roles());
    Set<String> required = new TreeSet<>();
    documented
        .path("security")
        .forEach(
            requirement ->
                requirement.forEach(scopes -> scopes.forEach(s -> required.add(s.asText()))));
    if (!required.equals(roles)) {
      failures.add(
          operation + ": security requirement names " + required + ", code allows " + roles);
    }
    Set<String> extension = new TreeSet<>();
    documented.path("x-ays-roles").forEach(r -> extension.add(r.asText()));
    if (!extension.equals(roles)) {
      failures.add(operation + ": x-ays-roles is " + extension + ", code allows " + roles);
    }
    if (!roles.isEmpty()) {
      for (String code : List.of("401", "403")) {
        if (!documented.path("responses").has(code)) {
          failures.add(operation + ": " + code + " not documented");
        }
      }
    }
    Iterator<Map.Entry<String, JsonNode>> responses = documented.path("responses").fields();
    while (responses.hasNext()) {
      Map.Entry<String, JsonNode> response = responses.next();
      if ((response.getKey().startsWith("4") || response.getKey().startsWith("5"))
          && !response
              .getValue()
              .path("content")
              .path(PROBLEM_JSON)
              .path("schema")
              .path("$ref")
              .asText()
              .endsWith("/ProblemDetails")) {
        failures.add(
            operation + " " + response.getKey() + ": body is not documented as " + PROBLEM_JSON);
      }
    }
    return failures;
  }

  private static Provocation generic(
      String operation, EndpointRoles.Endpoint endpoint, int status, String role) {
    boolean read = "GET".equals(endpoint.httpMethod());
    return new Provocation(
        operation,
        status,
        role,
        endpoint.httpMethod(),
        endpoint.path(),
        read ? null : endpoint.contentType(),
        read ? null : "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** Sends the provocation with a token of its role; what is wrong with its answer, or nothing. */
  private static List<String> answersProblem(URI base, Provocation p) {
    return answersProblem(base, p, p.role() == null ? null : TestTokens.bearer(p.role()));
  }

  private static List<String> answersProblem(URI base, Provocation p, String authorization) {
    HttpResponse<String> response =
        send(base, p.method(), p.path(), authorization, p.contentType(), p.body());
    List<String> failures = new ArrayList<>();
    String what =
        p.key()
            + " ("
            + p.method()
            + " "
            + p.path()
            + (authorization == null ? ", no token" : "")
            + ")";
    if (response.statusCode() != p.status()) {
      failures.add(what + ": answered " + response.statusCode() + ": " + response.body());
      return failures;
    }
    String type = response.headers().firstValue("Content-Type").orElse("");
    if (!type.toLowerCase(Locale.ROOT).startsWith(PROBLEM_JSON)) {
      failures.add(what + ": Content-Type is '" + type + "', not " + PROBLEM_JSON);
      return failures;
    }
    JsonNode body = parse(response.body(), what);
    String path = URI.create(base.toString().replaceAll("/+$", "") + p.path()).getRawPath();
    if (!body.path("type").isTextual()
        || !body.path("title").isTextual()
        || body.path("status").asInt() != p.status()
        || body.path("detail").asText("").isBlank()
        || !path.equals(body.path("instance").asText())) {
      failures.add(what + ": not a complete problem details body for " + path + ": " + body);
    }
    return failures;
  }

  private static JsonNode operationOf(JsonNode document, String operation) {
    int space = operation.indexOf(' ');
    JsonNode item = document.path("paths").get(operation.substring(space + 1));
    if (item == null) {
      return null;
    }
    return item.get(operation.substring(0, space).toLowerCase(Locale.ROOT));
  }

  private static JsonSchema schema() {
    try (InputStream in = OpenApiConformance.class.getResourceAsStream(SCHEMA)) {
      if (in == null) {
        throw new IllegalStateException(SCHEMA + " is not on the class path");
      }
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
          .getSchema(JSON.readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode parse(String text, String what) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new AssertionError(what + ": not JSON: " + text, e);
    }
  }

  private static HttpResponse<String> send(
      URI base, String method, String path, String authorization, String contentType, byte[] body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/+$", "") + path))
            .timeout(Duration.ofSeconds(60))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    try {
      return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + path + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
