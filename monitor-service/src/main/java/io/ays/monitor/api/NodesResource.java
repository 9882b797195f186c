package io.ays.monitor.api;

import io.ays.contracts.auth.Roles;
import io.ays.monitor.persistence.NodeStatusEntity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The nodes the monitor has heard heartbeats from, and which of them are silent. */
@RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.PUBLISHER, Roles.ADMIN})
@Path("/nodes")
@Produces(MediaType.APPLICATION_JSON)
public class NodesResource {

  @GET
  public List<NodeView> all() {
    return NodeStatusEntity.allById().stream().map(NodeView::of).toList();
  }
}
