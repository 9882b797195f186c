package io.ays.cli.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.ays.contracts.auth.Roles;
import java.net.URI;

/** The monitor-service's REST API: live health and nodes. */
public class MonitorClient {

  private final RestClient rest;

  public MonitorClient(URI base) {
    this(base, BearerToken.none());
  }

  public MonitorClient(URI base, BearerToken token) {
    this.rest =
        new RestClient("the monitor", base, "--monitor or AYS_MONITOR_URL", Roles.ADMIN, token);
  }

  /** The health of every instance the monitor has heard of ({@code InstanceHealthView}s). */
  public JsonNode health() {
    return rest.getOk("/health");
  }

  /**
   * The newest entries (up to 1000) of one instance's health history ({@code HistoryEntryView}s),
   * newest first; empty if the monitor knows nothing of it.
   */
  public JsonNode history(String instanceKey) {
    HttpAnswer answer = rest.get("/health/" + instanceKey + "/history?limit=1000");
    if (answer.status() == 404) {
      return RestClient.json().createArrayNode();
    }
    if (!answer.ok()) {
      throw new io.ays.cli.CliException(
          io.ays.cli.ExitCodes.FAILED,
          "the monitor answered "
              + answer.status()
              + " for the history of "
              + instanceKey
              + ": "
              + answer.reason());
    }
    return answer.body();
  }

  /** Every node that sent a heartbeat ({@code NodeView}s). */
  public JsonNode nodes() {
    return rest.getOk("/nodes");
  }
}
