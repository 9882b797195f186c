package io.ays.coordinator.api;

import io.ays.contracts.InstanceKey;
import io.ays.contracts.InvalidFieldException;
import io.ays.contracts.Problem;
import io.ays.contracts.auth.Roles;
import io.ays.coordinator.domain.InstanceReset;
import io.ays.messaging.http.ProblemDetails;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * {@code ays reset}: marks an instance so that its next install runs every phase. It runs nothing
 * and sends nothing (there is no phase to run), so it is a call on the coordinator, not a request
 * on {@code ays.requests}; it changes what later requests do, so only those who may send requests
 * may call it.
 */
@RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
@Path("/instances/{domain}/{name}/{instance}/reset")
@Produces(MediaType.APPLICATION_JSON)
public class InstanceResetResource {

  /** What a reset did; {@code alreadyReset}: the instance was marked before this call. */
  public record ResetView(
      String instanceKey,
      String state,
      String templateVersion,
      boolean alreadyReset,
      String reset) {}

  private final InstanceReset reset;

  public InstanceResetResource(InstanceReset reset) {
    this.reset = reset;
  }

  @POST
  @Operation(
      summary = "Reset an instance: its next install runs every phase",
      description =
          "Forgets what makes the next install up to date (the original's reset). The running"
              + " service, its state, template version and answers are left as they are.")
  @APIResponse(responseCode = "200", description = "what was reset")
  @APIResponse(responseCode = "400", description = "a part of the instance key is invalid")
  @APIResponse(responseCode = "404", description = "no such instance")
  @APIResponse(responseCode = "503", description = "the database is unavailable; try again")
  public Response reset(
      @PathParam("domain") String domain,
      @PathParam("name") String name,
      @PathParam("instance") String instance) {
    InstanceKey key;
    try {
      key = new InstanceKey(domain, name, instance);
    } catch (InvalidFieldException e) {
      return ProblemDetails.of(400, e.getMessage())
          .with("problems", List.of(Problem.of(e)))
          .response();
    }
    return reset
        .reset(key.toString())
        .map(
            done ->
                Response.ok(
                        new ResetView(
                            done.instanceKey(),
                            done.state(),
                            done.templateVersion(),
                            done.wasAlreadyReset(),
                            "the stored template version and answers no longer make the next"
                                + " install up to date: it runs every phase; the running"
                                + " service is untouched"))
                    .build())
        .orElseGet(
            () ->
                ProblemDetails.of(404, "unknown instance " + key + ": nothing to reset")
                    .with("problems", List.of(new Problem("instance", "unknown instance " + key)))
                    .response());
  }
}
