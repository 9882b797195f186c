package io.ays.coordinator.api;

import io.ays.contracts.InstanceKey;
import io.ays.contracts.InvalidFieldException;
import io.ays.contracts.auth.Roles;
import io.ays.coordinator.domain.NodeLogs;
import io.ays.messaging.http.ProblemDetails;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * An instance's service logs, read from its node's executor ({@link NodeLogs}): the ends of {@code
 * process.N.log} and {@code hooks.log}. Errors are problem details: 400 for a bad {@code lines} or
 * {@code since}, 404 for an unknown instance, 502/503 when its node cannot be reached.
 */
@RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.PUBLISHER, Roles.ADMIN})
@Path("/instances/{domain}/{name}/{instance}/logs")
@Produces(MediaType.APPLICATION_JSON)
public class InstanceLogResource {

  private final NodeLogs logs;

  public InstanceLogResource(NodeLogs logs) {
    this.logs = logs;
  }

  @GET
  @Operation(
      summary = "An instance's service logs, read from its node now",
      description = "The ends of process.N.log and hooks.log, as the node's executor answers them.")
  @APIResponse(responseCode = "200", description = "the logs, as the node's executor answered them")
  @APIResponse(
      responseCode = "400",
      description = "a key part is not a name, lines is out of range, or since is malformed")
  @APIResponse(responseCode = "404", description = "no such instance")
  @APIResponse(
      responseCode = "502",
      description = "the instance's node did not answer, or answered an error")
  @APIResponse(
      responseCode = "503",
      description = "the node is unknown or publishes no endpoint, or the database is unavailable")
  public Response logs(
      @PathParam("domain") String domain,
      @PathParam("name") String name,
      @PathParam("instance") String instance,
      @Parameter(description = "how many lines of each file")
          @QueryParam("lines")
          @DefaultValue("100")
          int lines,
      @Parameter(description = "file:position,... : each named file's lines after that position")
          @QueryParam("since")
          String since,
      @Parameter(hidden = true) @HeaderParam("Authorization") String authorization) {
    NodeLogs.Answer answer;
    try {
      answer = logs.read(new InstanceKey(domain, name, instance), lines, since, authorization);
    } catch (InvalidFieldException e) {
      answer = NodeLogs.Answer.error(400, e.getMessage());
    }
    if (answer.failed()) {
      return ProblemDetails.of(answer.status(), answer.detail()).response();
    }
    return Response.ok(answer.json()).build();
  }
}
