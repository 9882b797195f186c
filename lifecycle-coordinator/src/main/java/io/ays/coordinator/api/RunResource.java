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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

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
  @Operation(summary = "One run: its plan, steps, attempts, output tails and reasons")
  @APIResponse(responseCode = "200", description = "the run")
  @APIResponse(responseCode = "404", description = "no run has this id")
  @APIResponse(responseCode = "503", description = "the database is unavailable; try again")
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
  @Operation(
      summary = "Every run of the request that created this run, in the order they may start")
  @APIResponse(responseCode = "200", description = "the request's runs")
  @APIResponse(responseCode = "404", description = "no run has this id")
  @APIResponse(responseCode = "503", description = "the database is unavailable; try again")
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
  @Operation(summary = "Every instance: where it is installed, its desired and actual state")
  @APIResponse(responseCode = "200", description = "every instance")
  @APIResponse(responseCode = "503", description = "the database is unavailable; try again")
  public List<InstanceView> instances() {
    return ServiceInstanceEntity.<ServiceInstanceEntity>listAll().stream()
        .map(e -> InstanceView.of(e, json))
        .toList();
  }

  @GET
  @Path("instances/{domain}/{name}/{instance}")
  @Operation(summary = "One instance: where it is installed, its desired and actual state")
  @APIResponse(responseCode = "200", description = "the instance")
  @APIResponse(responseCode = "404", description = "no such instance")
  @APIResponse(responseCode = "503", description = "the database is unavailable; try again")
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
  @Operation(summary = "Every run of one instance (none for an unknown instance)")
  @APIResponse(responseCode = "200", description = "the instance's runs")
  @APIResponse(responseCode = "503", description = "the database is unavailable; try again")
  public List<RunView> runsOf(
      @PathParam("domain") String domain,
      @PathParam("name") String name,
      @PathParam("instance") String instance) {
    return RunEntity.ofInstance(domain + "/" + name + "/" + instance).stream()
        .map(RunView::of)
        .toList();
  }
}
