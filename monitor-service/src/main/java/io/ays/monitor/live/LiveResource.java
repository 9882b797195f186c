package io.ays.monitor.live;

import io.ays.contracts.auth.Roles;
import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestStreamElementType;

/**
 * {@code GET /events}: a server-sent-events stream of every change of instances' health, lifecycle
 * and supervision, for dashboards. Each message is one JSON {@link LiveEvent}.
 */
@RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.PUBLISHER, Roles.ADMIN})
@Path("/events")
public class LiveResource {

  // Often enough that proxies and browsers keep an idle stream open, and a gone client is noticed.
  private static final Duration PING_EVERY = Duration.ofSeconds(15);

  private final LiveFeed feed;

  public LiveResource(LiveFeed feed) {
    this.feed = feed;
  }

  @GET
  @Operation(
      summary = "A server-sent-events stream of every change of health, lifecycle and supervision",
      description = "Each event is one JSON LiveEvent; a hello first, then changes and pings.")
  @APIResponse(responseCode = "200", description = "the stream; it does not end")
  @Produces(MediaType.SERVER_SENT_EVENTS)
  @RestStreamElementType(MediaType.APPLICATION_JSON)
  public Multi<LiveEvent> events() {
    Multi<LiveEvent> pings =
        Multi.createFrom().ticks().every(PING_EVERY).map(tick -> LiveEvent.ping());
    // The hello goes first so that the client knows at once that its stream is open.
    return Multi.createBy()
        .concatenating()
        .streams(
            Multi.createFrom().item(LiveEvent.hello()),
            Multi.createBy().merging().streams(feed.changes(), pings));
  }
}
