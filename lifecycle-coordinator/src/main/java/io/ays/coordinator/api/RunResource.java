package io.ays.coordinator.api;

import io.ays.contracts.auth.Roles;
import io.ays.coordinator.domain.JsonMaps;
import io.ays.coordinator.persistence.RunEntity;
import io.ays.coordinator.persistence.ServiceInstanceEntity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;

/** Read access to runs and instances: what is installed where, and what each run did. */
@RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.PUBLISHER, Roles.ADMIN})
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Transactional
public class RunResource {

  private final JsonMaps json;

  public RunResource(JsonMaps json) {
    this.json = json;
  }

  @GET
  @Path("runs/{id}")
  public RunView run(@PathParam("id") UUID id) {
    RunEntity run = RunEntity.findById(id);
    if (run == null) {
      throw new NotFoundException("no run " + id);
    }
    return RunView.of(run);
  }

  /** Every run of the request that created run {@code id}, in the order they may start. */
  @GET
  @Path("runs/{id}/request")
  public List<RunView> request(@PathParam("id") UUID id) {
    RunEntity run = RunEntity.findById(id);
    if (run == null) {
      throw new NotFoundException("no run " + id);
    }
    UUID root = run.rootRunId != null ? run.rootRunId : run.id;
    return RunEntity.ofRequest(root).stream().map(RunView::of).toList();
  }

  @GET
  @Path("instances")
  public List<InstanceView> instances() {
    return ServiceInstanceEntity.<ServiceInstanceEntity>listAll().stream()
        .map(e -> InstanceView.of(e, json))
        .toList();
  }

  @GET
  @Path("instances/{domain}/{name}/{instance}")
  public InstanceView instance(
      @PathParam("domain") String domain,
      @PathParam("name") String name,
      @PathParam("instance") String instance) {
    ServiceInstanceEntity entity =
        ServiceInstanceEntity.findById(domain + "/" + name + "/" + instance);
    if (entity == null) {
      throw new NotFoundException("no instance " + domain + "/" + name + "/" + instance);
    }
    return InstanceView.of(entity, json);
  }

  @GET
  @Path("instances/{domain}/{name}/{instance}/runs")
  public List<RunView> runsOf(
      @PathParam("domain") String domain,
      @PathParam("name") String name,
      @PathParam("instance") String instance) {
    return RunEntity.ofInstance(domain + "/" + name + "/" + instance).stream()
        .map(RunView::of)
        .toList();
  }
}
