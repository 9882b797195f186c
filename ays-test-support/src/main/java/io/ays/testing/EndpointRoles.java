package io.ays.testing;

import io.ays.contracts.auth.Roles;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Every JAX-RS resource method of a service, found in its compiled classes (so that a new endpoint
 * cannot slip through), and the check that each one refuses anonymous callers (401) and callers
 * without one of its roles (403) and lets its weakest role in.
 */
public final class EndpointRoles {

  /** One resource method: its HTTP method, a callable path and the roles it allows. */
  public record Endpoint(
      String httpMethod, String path, String contentType, List<String> roles, String where) {

    /** The weakest AYS role that may call it. */
    String weakestAllowed() {
      return Roles.ALL.stream().filter(roles::contains).findFirst().orElseThrow();
    }

    /** A role that may not call it, or a role AYS does not know when every role may. */
    String refused() {
      return Roles.ALL.stream().filter(r -> !roles.contains(r)).findFirst().orElse("nobody");
    }
  }

  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private EndpointRoles() {}

  /** The resource methods of the classes under {@code basePackage} annotated {@code @Path}. */
  public static List<Endpoint> scan(String basePackage) {
    List<Endpoint> endpoints = new ArrayList<>();
    for (Class<?> type : classesUnder(basePackage)) {
      Path classPath = type.getAnnotation(Path.class);
      if (classPath == null) {
        continue;
      }
      for (Method method : type.getDeclaredMethods()) {
        String verb = httpMethod(method);
        if (verb == null) {
          continue;
        }
        endpoints.add(
            new Endpoint(
                verb,
                callablePath(template(type, method), method),
                contentType(type, method),
                rolesOf(type, method),
                type.getSimpleName() + "." + method.getName()));
      }
    }
    return endpoints;
  }

  /**
   * Calls every endpoint under {@code basePackage} of the service at {@code base} anonymously, with
   * a role it does not allow, and with its weakest allowed role; fails listing every endpoint that
   * answered wrongly or names no roles.
   */
  public static void assertEnforced(URI base, String basePackage) {
    List<Endpoint> endpoints = scan(basePackage);
    if (endpoints.isEmpty()) {
      throw new AssertionError("no JAX-RS resource method found under " + basePackage);
    }
    List<String> failures = new ArrayList<>();
    for (Endpoint e : endpoints) {
      String name = e.httpMethod() + " " + e.path() + " (" + e.where() + ")";
      if (e.roles().isEmpty()) {
        failures.add(name + ": no @RolesAllowed");
        continue;
      }
      if (!"GET".equals(e.httpMethod()) && e.roles().contains(Roles.VIEWER)) {
        failures.add(name + ": a write that a viewer may call");
      }
      int anonymous = status(base, e, null);
      if (anonymous != 401) {
        failures.add(name + ": anonymous got " + anonymous + ", expected 401");
      }
      int wrongRole = status(base, e, TestTokens.bearer(e.refused()));
      if (wrongRole != 403) {
        failures.add(name + ": role " + e.refused() + " got " + wrongRole + ", expected 403");
      }
      int rightRole = status(base, e, TestTokens.bearer(e.weakestAllowed()));
      if (rightRole == 401 || rightRole == 403) {
        failures.add(name + ": role " + e.weakestAllowed() + " got " + rightRole);
      }
    }
    if (!failures.isEmpty()) {
      throw new AssertionError(
          "endpoints that do not enforce their roles:\n  " + String.join("\n  ", failures));
    }
  }

  /**
   * What every AYS service serves beside its own resources: {@code /q/health/live} and {@code
   * /q/openapi} to anyone, {@code /q/metrics} to a token of any role (401 without one).
   */
  public static void assertSharedEndpoints(URI base) {
    expectStatus(base, new Endpoint("GET", "/q/health/live", "", List.of(), "health"), null, 200);
    expectStatus(base, new Endpoint("GET", "/q/openapi", "", List.of(), "openapi"), null, 200);
    Endpoint metrics = new Endpoint("GET", "/q/metrics", "", Roles.ALL, "metrics");
    expectStatus(base, metrics, null, 401);
    expectStatus(base, metrics, TestTokens.bearer(Roles.VIEWER), 200);
  }

  private static void expectStatus(
      URI base, Endpoint endpoint, String authorization, int expected) {
    int got = status(base, endpoint, authorization);
    if (got != expected) {
      throw new AssertionError(
          endpoint.httpMethod()
              + " "
              + endpoint.path()
              + (authorization == null ? " without a token" : " with a viewer token")
              + ": expected "
              + expected
              + ", got "
              + got);
    }
  }

  /** The status of one call; the body is not read (an event stream never ends). */
  public static int status(URI base, Endpoint endpoint, String authorization) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/+$", "") + endpoint.path()))
            .timeout(Duration.ofSeconds(60))
            .method(
                endpoint.httpMethod(),
                "GET".equals(endpoint.httpMethod()) || "DELETE".equals(endpoint.httpMethod())
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString("{}"));
    if (!"GET".equals(endpoint.httpMethod())) {
      // what the endpoint consumes: a wrong type is refused (415) before the roles are checked
      request.header("Content-Type", endpoint.contentType());
    }
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    try {
      try {
        return send(request.build());
      } catch (IOException closedMeanwhile) {
        // A pooled connection the server closed meanwhile (after an early-closed event stream
        // or a refused oversized body) fails the next request before it is answered: once more
        // on a new connection.
        return send(request.build());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(endpoint.path() + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static int send(HttpRequest request) throws IOException, InterruptedException {
    HttpResponse<InputStream> response =
        HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
    response.body().close();
    return response.statusCode();
  }

  private static String httpMethod(Method method) {
    for (Annotation a : method.getAnnotations()) {
      HttpMethod verb = a.annotationType().getAnnotation(HttpMethod.class);
      if (verb != null) {
        return verb.value();
      }
    }
    return null;
  }

  private static String contentType(Class<?> type, Method method) {
    Consumes consumes = method.getAnnotation(Consumes.class);
    if (consumes == null) {
      consumes = type.getAnnotation(Consumes.class);
    }
    return consumes == null || consumes.value().length == 0
        ? "application/json"
        : consumes.value()[0].split(",")[0].strip();
  }

  private static List<String> rolesOf(Class<?> type, Method method) {
    if (method.isAnnotationPresent(PermitAll.class)) {
      return List.of();
    }
    RolesAllowed roles = method.getAnnotation(RolesAllowed.class);
    if (roles == null && !type.isAnnotationPresent(PermitAll.class)) {
      roles = type.getAnnotation(RolesAllowed.class);
    }
    return roles == null ? List.of() : Arrays.asList(roles.value());
  }

  /**
   * Each resource method under {@code basePackage} by its operation, {@code "GET /runs/{id}"}: its
   * HTTP method and path template, as an OpenAPI document names it.
   */
  public static Map<String, Endpoint> operations(String basePackage) {
    Map<String, Endpoint> operations = new TreeMap<>();
    for (Class<?> type : classesUnder(basePackage)) {
      if (type.getAnnotation(Path.class) == null) {
        continue;
      }
      for (Method method : type.getDeclaredMethods()) {
        String verb = httpMethod(method);
        if (verb != null) {
          String template = template(type, method);
          operations.put(
              verb + " " + template.replaceAll("\\{(\\w+)\\s*:[^}]*}", "{$1}"),
              new Endpoint(
                  verb,
                  callablePath(template, method),
                  contentType(type, method),
                  rolesOf(type, method),
                  type.getSimpleName() + "." + method.getName()));
        }
      }
    }
    return operations;
  }

  /** The path template of a resource method: class and method {@code @Path}, one slash apart. */
  private static String template(Class<?> type, Method method) {
    Path methodPath = method.getAnnotation(Path.class);
    String path =
        ("/"
                + type.getAnnotation(Path.class).value()
                + "/"
                + (methodPath == null ? "" : methodPath.value()))
            .replaceAll("/+", "/");
    if (path.length() > 1 && path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    return path;
  }

  /** The template with each {@code {param}} filled: a UUID where the parameter is one. */
  private static String callablePath(String path, Method method) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < path.length()) {
      int open = path.indexOf('{', i);
      if (open < 0) {
        out.append(path.substring(i));
        break;
      }
      int close = path.indexOf('}', open);
      out.append(path, i, open);
      String param = path.substring(open + 1, close).split(":")[0].strip();
      out.append(sampleValue(method, param));
      i = close + 1;
    }
    return out.toString();
  }

  private static String sampleValue(Method method, String param) {
    for (Parameter p : method.getParameters()) {
      PathParam pathParam = p.getAnnotation(PathParam.class);
      if (pathParam != null && pathParam.value().equals(param) && p.getType() == UUID.class) {
        return UUID.randomUUID().toString();
      }
    }
    return "sample";
  }

  private static List<Class<?>> classesUnder(String basePackage) {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    String folder = basePackage.replace('.', '/');
    List<Class<?>> classes = new ArrayList<>();
    try {
      for (URL url : Collections.list(loader.getResources(folder))) {
        if (!"file".equals(url.getProtocol()) || url.getPath().contains("/test-classes/")) {
          continue;
        }
        java.nio.file.Path root = Paths.get(url.toURI());
        try (Stream<java.nio.file.Path> files = Files.walk(root)) {
          for (java.nio.file.Path file :
              files.filter(f -> f.toString().endsWith(".class")).toList()) {
            String relative = root.relativize(file).toString();
            String name =
                basePackage
                    + "."
                    + relative
                        .substring(0, relative.length() - ".class".length())
                        .replace('/', '.');
            try {
              classes.add(Class.forName(name, false, loader));
            } catch (ClassNotFoundException | LinkageError e) {
              // generated or unloadable helper classes cannot be resources
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    return classes;
  }
}
