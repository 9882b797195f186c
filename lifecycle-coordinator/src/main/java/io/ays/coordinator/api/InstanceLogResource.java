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
  public Response logs(
      @PathParam("domain") String domain,
      @PathParam("name") String name,
      @PathParam("instance") String instance,
      @QueryParam("lines") @DefaultValue("100") int lines,
      @QueryParam("since") String since,
      @HeaderParam("Authorization") String authorization) {
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
