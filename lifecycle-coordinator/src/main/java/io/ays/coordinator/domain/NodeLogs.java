package io.ays.coordinator.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ays.contracts.InstanceKey;
import io.ays.coordinator.persistence.ServiceInstanceEntity;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Reads an instance's logs from its node: the coordinator knows where each instance runs and each
 * node's executor endpoint (from its heartbeat), so clients need to reach only the coordinator, as
 * {@code kubectl logs} reaches only the API server. The executor's answer is passed on as it is.
 * The node is reached only at the endpoint of its own heartbeat (scheme, host and port, checked
 * when read), without following redirects, within a timeout, and its answer is bounded.
 */
@ApplicationScoped
public class NodeLogs {

  private static final Logger LOG = Logger.getLogger(NodeLogs.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(15);

  /**
   * The most a node's answer may hold: well above 10,000 lines of each of a few logs, and low
   * enough that an endpoint streaming without end cannot fill the coordinator's memory.
   */
  static final int MAX_BODY_BYTES = 32 * 1024 * 1024;

  private final NodeDirectory nodes;
  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(CONNECT_TIMEOUT)
          .version(HttpClient.Version.HTTP_1_1)
          .build();

  public NodeLogs(NodeDirectory nodes) {
    this.nodes = nodes;
  }

  /**
   * What a read of logs answered: HTTP 200 and the logs' JSON, or an error status and what went
   * wrong ({@code detail}).
   */
  public record Answer(int status, String json, String detail) {

    public static Answer logs(String json) {
      return new Answer(200, json, null);
    }

    public static Answer error(int status, String detail) {
      return new Answer(status, null, detail);
    }

    public boolean failed() {
      return detail != null;
    }
  }

  /**
   * The last {@code lines} lines of each log of {@code key}, read from its node now; with {@code
   * since} ({@code file:position,...}, may be null) the lines after those positions instead. The
   * caller's {@code Authorization} header (may be null) goes to the node: its executor checks the
   * same token.
   */
  public Answer read(InstanceKey key, int lines, String since, String authorization) {
    Location where = QuarkusTransaction.requiringNew().call(() -> locate(key));
    if (where.problem != null) {
      return where.problem;
    }
    URI uri =
        URI.create(
            where.endpoint.replaceAll("/+$", "")
                + "/logs/"
                + encode(key.domain())
                + "/"
                + encode(key.name())
                + "/"
                + encode(key.instance())
                + "?lines="
                + lines
                + (since == null ? "" : "&since=" + encode(since)));
    HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(READ_TIMEOUT).GET();
    if (authorization != null && !authorization.isBlank()) {
      builder.header("Authorization", authorization);
    }
    HttpRequest request = builder.build();
    var exchange = http.sendAsync(request, BoundedBody.handler(MAX_BODY_BYTES));
    try {
      // The request's own timeout ends at the headers; this one also bounds the body.
      HttpResponse<byte[]> response = exchange.get(READ_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      String body = new String(response.body(), StandardCharsets.UTF_8);
      if (response.statusCode() == 200) {
        return Answer.logs(body);
      }
      if (response.statusCode() == 400) {
        // The node refused what the caller asked (lines, since): its reason is the caller's.
        return Answer.error(400, detailOf(body));
      }
      return Answer.error(502, where.described() + " answered HTTP " + response.statusCode());
    } catch (TimeoutException e) {
      exchange.cancel(true);
      return Answer.error(
          502, where.described() + " did not answer within " + READ_TIMEOUT.toSeconds() + " s");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      if (cause instanceof BoundedBody.TooLargeException) {
        LOG.warnf(
            "refused the logs answer of %s: over %d bytes", where.described(), MAX_BODY_BYTES);
        return Answer.error(
            502, where.described() + " answered more than " + MAX_BODY_BYTES + " bytes: refused");
      }
      String why =
          cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
      return Answer.error(502, where.described() + " did not answer: " + why);
    } catch (InterruptedException e) {
      exchange.cancel(true);
      Thread.currentThread().interrupt();
      return Answer.error(503, "interrupted while reading logs from node " + where.node);
    }
  }

  private record Location(String node, String endpoint, Answer problem) {
    String described() {
      return "node " + node + " at " + endpoint;
    }
  }

  private Location locate(InstanceKey key) {
    ServiceInstanceEntity instance = ServiceInstanceEntity.findById(key.toString());
    if (instance == null) {
      return new Location(null, null, Answer.error(404, "no instance " + key));
    }
    String node = instance.node;
    if (!nodes.known(node)) {
      return new Location(
          node,
          null,
          Answer.error(503, "node " + node + " of " + key + " is unknown: no heartbeat from it"));
    }
    return nodes
        .endpoint(node)
        .map(endpoint -> new Location(node, endpoint, null))
        .orElseGet(
            () ->
                new Location(
                    node,
                    null,
                    Answer.error(
                        503,
                        "node "
                            + node
                            + " publishes no endpoint in its heartbeat (set"
                            + " ays.executor.advertised-url there)")));
  }

  private static String encode(String part) {
    return URLEncoder.encode(part, StandardCharsets.UTF_8);
  }

  /** The {@code detail} of a node's problem details answer, or its whole body. */
  private static String detailOf(String body) {
    try {
      JsonNode detail = JSON.readTree(body).path("detail");
      return detail.isTextual() ? detail.asText() : body;
    } catch (JsonProcessingException e) {
      return body;
    }
  }
}
