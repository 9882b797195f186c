package io.ays.cli.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.ays.contracts.auth.Roles;
import java.net.URI;
import java.util.Optional;

/** The template-registry's REST API: templates, versions, sync. */
public class RegistryClient {

  private final RestClient rest;

  public RegistryClient(URI base) {
    this(base, BearerToken.none());
  }

  public RegistryClient(URI base, BearerToken token) {
    this.rest =
        new RestClient(
            "the registry", base, "--registry or AYS_REGISTRY_URL", Roles.PUBLISHER, token);
  }

  /** The current version of every template ({@code VersionView}s). */
  public JsonNode templates() {
    return rest.getOk("/templates");
  }

  /** One version's definition ({@code ays.template.definition.v1} data); empty if unknown. */
  public Optional<JsonNode> version(String domain, String name, String contentHash) {
    HttpAnswer answer = rest.get("/templates/" + domain + "/" + name + "/versions/" + contentHash);
    return answer.ok() ? Optional.of(answer.body()) : Optional.empty();
  }

  /** Syncs every repository now; the {@code SyncReport}. */
  public JsonNode sync() {
    HttpAnswer answer = rest.post("/sync", null);
    if (!answer.ok()) {
      throw new io.ays.cli.CliException(
          io.ays.cli.ExitCodes.FAILED,
          "the registry answered " + answer.status() + " to POST /sync: " + answer.reason());
    }
    return answer.body();
  }
}
