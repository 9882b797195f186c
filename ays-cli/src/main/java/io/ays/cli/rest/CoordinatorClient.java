package io.ays.cli.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.ays.contracts.InstanceKey;
import io.ays.contracts.RequestAction;
import io.ays.contracts.ServiceRequest;
import io.ays.contracts.auth.Roles;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/** The lifecycle-coordinator's REST API: dry runs, runs and instances. */
public class CoordinatorClient {

  private final RestClient rest;

  public CoordinatorClient(URI base) {
    this(base, BearerToken.none());
  }

  public CoordinatorClient(URI base, BearerToken token) {
    this.rest =
        new RestClient(
            "the coordinator", base, "--coordinator or AYS_COORDINATOR_URL", Roles.OPERATOR, token);
  }

  public URI base() {
    return rest.base();
  }

  /** {@code POST /requests/{action}?dryRun=true}: 200 with the plan, or 4xx with the reason. */
  public HttpAnswer plan(RequestAction action, ServiceRequest request) {
    return rest.post(
        "/requests/" + action.name().toLowerCase(Locale.ROOT) + "?dryRun=true", request);
  }

  /**
   * {@code POST /requests/{action}}: the coordinator publishes the request on {@code ays.requests},
   * its secret answers sealed; returns the request's id.
   */
  public String submit(RequestAction action, ServiceRequest request) {
    HttpAnswer answer = rest.post("/requests/" + action.name().toLowerCase(Locale.ROOT), request);
    return okBody(answer, "the request").path("requestId").asText();
  }

  /** Every instance, as {@code InstanceView}s. */
  public JsonNode instances() {
    return rest.getOk("/instances");
  }

  public Optional<JsonNode> instance(InstanceKey key) {
    HttpAnswer answer = rest.get("/instances/" + key);
    return answer.status() == 404 ? Optional.empty() : Optional.of(okBody(answer, key.toString()));
  }

  /** The runs of one instance, newest first. */
  public JsonNode runsOf(InstanceKey key) {
    return rest.getOk("/instances/" + key + "/runs");
  }

  /**
   * {@code GET /instances/{key}/logs}: the ends of the instance's logs, read from its node by the
   * coordinator; an error answer's reason names the node that could not be reached.
   */
  public JsonNode logs(InstanceKey key, int lines) {
    HttpAnswer answer = rest.get("/instances/" + key + "/logs?lines=" + lines);
    if (answer.status() == 404) {
      throw new io.ays.cli.CliException(io.ays.cli.ExitCodes.FAILED, "no instance " + key);
    }
    return okBody(answer, "the logs of " + key);
  }

  /**
   * The lines written to the instance's logs after {@code since} ({@code file:position,...}, the
   * {@code endOffset}s of the previous read); empty once the instance is gone (uninstalled).
   */
  public Optional<JsonNode> logsSince(InstanceKey key, String since) {
    HttpAnswer answer =
        rest.get(
            "/instances/"
                + key
                // A log that appeared since (not in since) is new: all of it is news.
                + "/logs?lines=10000&since="
                + java.net.URLEncoder.encode(since, java.nio.charset.StandardCharsets.UTF_8));
    if (answer.status() == 404) {
      return Optional.empty();
    }
    return Optional.of(okBody(answer, "the logs of " + key));
  }

  public Optional<JsonNode> run(UUID id) {
    HttpAnswer answer = rest.get("/runs/" + id);
    return answer.status() == 404 ? Optional.empty() : Optional.of(okBody(answer, "run " + id));
  }

  /** Every run of the request that made run {@code id}, in the order they may start. */
  public JsonNode runsOfRequest(UUID id) {
    return rest.getOk("/runs/" + id + "/request");
  }

  /**
   * {@code POST /instances/{key}/reset}: the instance's next install runs every phase; answers what
   * was reset. An unknown instance is a failure naming it.
   */
  public JsonNode reset(InstanceKey key) {
    return okBody(rest.post("/instances/" + key + "/reset", java.util.Map.of()), "reset " + key);
  }

  private JsonNode okBody(HttpAnswer answer, String what) {
    if (!answer.ok()) {
      throw new io.ays.cli.CliException(
          io.ays.cli.ExitCodes.FAILED,
          "the coordinator answered " + answer.status() + " for " + what + ": " + answer.reason());
    }
    return answer.body();
  }
}
