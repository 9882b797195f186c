package io.ays.monitor.api;

import io.ays.monitor.persistence.HealthHistoryEntity;
import io.ays.monitor.persistence.InstanceHealthEntity;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;

/** The live health of every instance, one instance's, and its history. */
@Path("/health")
@Produces(MediaType.APPLICATION_JSON)
@Transactional
public class HealthResource {

  /** An instance's health as dashboards show it. */
  public record HealthView(
      String instanceKey,
      String node,
      String status,
      String lifecycleState,
      String lastMessage,
      Instant lastReportAt,
      Instant lastChangeAt,
      Instant upSince,
      int restartCount,
      int consecutiveRestarts,
      Instant restartDueAt,
      boolean failed,
      String failedReason) {

    static HealthView of(InstanceHealthEntity h) {
      return new HealthView(
          h.instanceKey,
          h.node,
          h.gaveUp ? "FAILED" : h.status,
          h.lifecycleState,
          h.lastMessage,
          h.lastReportAt,
          h.lastChangeAt,
          h.upSince,
          h.restartCount,
          h.consecutiveRestarts,
          h.restartDueAt,
          h.gaveUp,
          h.gaveUpReason);
    }
  }

  /** One change of health. */
  public record HistoryView(String status, String source, String message, Instant observedAt) {}

  @GET
  public List<HealthView> all() {
    return InstanceHealthEntity.<InstanceHealthEntity>listAll().stream()
        .map(HealthView::of)
        .toList();
  }

  @GET
  @Path("{domain}/{name}/{instance}")
  public HealthView one(
      @PathParam("domain") String domain,
      @PathParam("name") String name,
      @PathParam("instance") String instance) {
    InstanceHealthEntity health =
        InstanceHealthEntity.findById(domain + "/" + name + "/" + instance);
    if (health == null) {
      throw new NotFoundException("no health known for " + domain + "/" + name + "/" + instance);
    }
    return HealthView.of(health);
  }

  @GET
  @Path("{domain}/{name}/{instance}/history")
  public List<HistoryView> history(
      @PathParam("domain") String domain,
      @PathParam("name") String name,
      @PathParam("instance") String instance,
      @QueryParam("limit") @DefaultValue("100") int limit) {
    return HealthHistoryEntity.of(domain + "/" + name + "/" + instance, Math.min(limit, 1000))
        .stream()
        .map(h -> new HistoryView(h.status, h.source, h.message, h.observedAt))
        .toList();
  }
}
