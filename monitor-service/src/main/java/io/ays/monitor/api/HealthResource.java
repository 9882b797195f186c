package io.ays.monitor.api;

import io.ays.contracts.auth.Roles;
import io.ays.monitor.persistence.HealthHistoryEntity;
import io.ays.monitor.persistence.InstanceHealthEntity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** The live health of every instance, of one instance, and one instance's history. */
@RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.PUBLISHER, Roles.ADMIN})
@Path("/health")
@Produces(MediaType.APPLICATION_JSON)
public class HealthResource {

  private static final int MAX_HISTORY = 1000;

  /** Every instance the monitor has heard of, by instance key. */
  @GET
  @Operation(summary = "The current health of every instance the monitor has heard of")
  @APIResponse(responseCode = "200", description = "every instance's health, by instance key")
  @APIResponse(responseCode = "503", description = "the database is unavailable; try again")
  public List<InstanceHealthView> all() {
    return InstanceHealthEntity.allByKey().stream().map(InstanceHealthView::of).toList();
  }

  @GET
  @Path("{domain}/{name}/{instance}")
  @Operation(summary = "The current health of one instance")
  @APIResponse(responseCode = "200", description = "the instance's health")
  @APIResponse(responseCode = "404", description = "no health is known for the instance")
  @APIResponse(responseCode = "503", description = "the database is unavailable; try again")
  public InstanceHealthView one(
      @PathParam("domain") String domain,
      @PathParam("name") String name,
      @PathParam("instance") String instance) {
    String key = key(domain, name, instance);
    InstanceHealthEntity health = InstanceHealthEntity.findById(key);
    if (health == null) {
      throw new NotFoundException("no health known for " + key);
    }
    return InstanceHealthView.of(health);
  }

  /** The newest {@code limit} entries (at most 1000), newest first. */
  @GET
  @Path("{domain}/{name}/{instance}/history")
  @Operation(summary = "One instance's health history, newest first")
  @APIResponse(responseCode = "200", description = "the newest entries")
  @APIResponse(responseCode = "404", description = "no health is known for the instance")
  @APIResponse(responseCode = "503", description = "the database is unavailable; try again")
  public List<HistoryEntryView> history(
      @PathParam("domain") String domain,
      @PathParam("name") String name,
      @PathParam("instance") String instance,
      @Parameter(description = "how many entries, 1 to " + MAX_HISTORY)
          @QueryParam("limit")
          @DefaultValue("100")
          int limit) {
    String key = key(domain, name, instance);
    if (InstanceHealthEntity.findById(key) == null) {
      throw new NotFoundException("no health known for " + key);
    }
    return HealthHistoryEntity.newestOf(key, Math.max(1, Math.min(limit, MAX_HISTORY))).stream()
        .map(HistoryEntryView::of)
        .toList();
  }

  private static String key(String domain, String name, String instance) {
    return domain + "/" + name + "/" + instance;
  }
}
