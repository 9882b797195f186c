package io.ays.coordinator.api;

import io.ays.coordinator.persistence.RunEntity;
import io.ays.coordinator.persistence.ServiceInstanceEntity;
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
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Transactional
public class RunResource {

  @GET
  @Path("runs/{id}")
  public RunView run(@PathParam("id") UUID id) {
    RunEntity run = RunEntity.findById(id);
    if (run == null) {
      throw new NotFoundException("no run " + id);
    }
    return RunView.of(run);
  }

  @GET
  @Path("instances")
  public List<InstanceView> instances() {
    return ServiceInstanceEntity.<ServiceInstanceEntity>listAll().stream()
        .map(InstanceView::of)
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
    return InstanceView.of(entity);
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
