package io.ays.monitor.api;

import io.ays.contracts.auth.Roles;
import io.ays.monitor.persistence.NodeStatusEntity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** The nodes the monitor has heard heartbeats from, and which of them are silent. */
@RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.PUBLISHER, Roles.ADMIN})
@Path("/nodes")
@Produces(MediaType.APPLICATION_JSON)
public class NodesResource {

  @GET
  @Operation(summary = "Every node heard from, and which of them are silent")
  @APIResponse(responseCode = "200", description = "every node, by id")
  @APIResponse(responseCode = "503", description = "the database is unavailable; try again")
  public List<NodeView> all() {
    return NodeStatusEntity.allById().stream().map(NodeView::of).toList();
  }
}
