package io.ays.monitor.api;

import io.ays.contracts.auth.Roles;
import io.ays.monitor.persistence.RunEntity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * The runs the coordinator announced lately, as the monitor heard them: for the dashboard's runs
 * view. The coordinator's {@code GET /runs/{id}} has a run's steps and output.
 */
@RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.PUBLISHER, Roles.ADMIN})
@Path("/runs")
@Produces(MediaType.APPLICATION_JSON)
public class RunsResource {

  static final int MAX_RUNS = 500;

  @GET
  @Operation(
      summary = "The runs the coordinator announced lately, newest first",
      description =
          "Heard on ays.service-events and kept for ays.messaging.processed-retention (14 days).")
  @APIResponse(responseCode = "200", description = "the newest runs")
  @APIResponse(responseCode = "400", description = "limit is not 1 to " + MAX_RUNS)
  @APIResponse(responseCode = "503", description = "the database is unavailable; try again")
  public List<RunView> newest(
      @Parameter(description = "how many runs, 1 to " + MAX_RUNS)
          @QueryParam("limit")
          @DefaultValue("50")
          int limit) {
    if (limit < 1 || limit > MAX_RUNS) {
      throw new BadRequestException("limit must be 1 to " + MAX_RUNS + ", was " + limit);
    }
    return RunEntity.newest(limit).stream().map(RunView::of).toList();
  }
}
