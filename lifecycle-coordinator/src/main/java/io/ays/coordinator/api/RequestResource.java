package io.ays.coordinator.api;

import io.ays.contracts.CloudEvent;
import io.ays.contracts.EventCodec;
import io.ays.contracts.EventFactory;
import io.ays.contracts.InvalidEventException;
import io.ays.contracts.InvalidFieldException;
import io.ays.contracts.Problem;
import io.ays.contracts.RequestAction;
import io.ays.contracts.ServiceRequest;
import io.ays.contracts.Topics;
import io.ays.contracts.auth.Roles;
import io.ays.coordinator.domain.Preparation;
import io.ays.coordinator.domain.PreparedRun;
import io.ays.coordinator.domain.RunPreparer;
import io.ays.coordinator.domain.SecretValues;
import io.ays.messaging.KafkaSender;
import io.ays.messaging.http.ProblemDetails;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.logging.Logger;

/**
 * Submits a request over HTTP. It is published on {@code ays.requests} like any other request, so
 * it takes exactly the path a kcat or CLI request takes; {@code ?dryRun=true} instead returns the
 * plan without running anything.
 */
@RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
@Path("/requests")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class RequestResource {

  /** A request that is well-formed but cannot be carried out (unknown template, bad answers). */
  private static final int UNPROCESSABLE = 422;

  private static final int TOO_LARGE = 413;
  private static final Logger LOG = Logger.getLogger(RequestResource.class);

  private final RunPreparer preparer;
  private final KafkaSender sender;
  private final EventFactory events;
  private final EventCodec codec;
  private final Topics topics;

  public RequestResource(
      RunPreparer preparer,
      KafkaSender sender,
      EventFactory events,
      EventCodec codec,
      Topics topics) {
    this.preparer = preparer;
    this.sender = sender;
    this.events = events;
    this.codec = codec;
    this.topics = topics;
  }

  /** A planned step as a dry run shows it. */
  public record PlannedStepView(int step, String node, String role, String phase, String when) {}

  /** One instance's run in a dry run. */
  public record RunPlanView(
      String instanceKey,
      String action,
      String node,
      String templateVersion,
      boolean upToDate,
      String requiredBy,
      List<String> after,
      Map<String, Object> answers,
      List<PlannedStepView> steps) {}

  /**
   * The answer to a dry run: the named instance's run first, then every run of the request in the
   * order they may start (each after the runs it lists in {@code after}).
   */
  public record PlanView(
      String instanceKey,
      String action,
      String node,
      String templateVersion,
      boolean upToDate,
      Map<String, Object> answers,
      List<PlannedStepView> steps,
      List<RunPlanView> runs) {}

  @POST
  @Path("{action}")
  @Operation(
      summary =
          "Submit a request (install, start, stop, restart, configure, uninstall, build, removedata)",
      description =
          "Publishes the request on ays.requests, as kcat or the CLI would; with dryRun=true"
              + " answers the plan instead and runs nothing.")
  @APIResponse(
      responseCode = "202",
      description = "published: the requestId and instanceKey to follow it by")
  @APIResponse(
      responseCode = "200",
      description = "dry run: the plan",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = PlanView.class)))
  @APIResponse(
      responseCode = "400",
      description =
          "the body is missing or not a request's JSON, or (dry run) a field of it is invalid")
  @APIResponse(responseCode = "404", description = "the action is none of AYS's")
  @APIResponse(
      responseCode = "413",
      description = "the request is over the broker's message size (problems names answers)")
  @APIResponse(responseCode = "415", description = "the body is not application/json")
  @APIResponse(
      responseCode = "422",
      description =
          "dry run: the request cannot be carried out (unknown template, invalid answers, a"
              + " dependency cycle); problems lists every invalid field")
  @APIResponse(responseCode = "503", description = "the database is unavailable; try again")
  public Response submit(
      @Parameter(
              description =
                  "install, start, stop, restart, configure, uninstall, build or removedata")
          @PathParam("action")
          String actionName,
      @Parameter(description = "answer the plan without running anything") @QueryParam("dryRun")
          boolean dryRun,
      ServiceRequest request) {
    RequestAction action;
    try {
      action = RequestAction.valueOf(actionName.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return problems(
          404,
          "unknown action '" + actionName + "'",
          List.of(
              new Problem(
                  "action",
                  "expected one of "
                      + Arrays.stream(RequestAction.values())
                          .map(a -> a.name().toLowerCase(Locale.ROOT))
                          .collect(Collectors.joining(", ")))));
    }
    if (request == null) {
      return problems(
          400,
          "request body is missing",
          List.of(new Problem("(body)", "a ServiceRequest JSON object is required")));
    }
    if (dryRun) {
      return plan(action, request);
    }
    // Secret answers are sealed before they reach the topic: only the coordinator can open them.
    CloudEvent<ServiceRequest> event =
        events.create(action.eventType(), preparer.sealSecrets(action, request));
    String message;
    try {
      message = codec.encode(event);
    } catch (InvalidEventException e) {
      // Over the message size: refused here with the reason, as Kafka would refuse the send.
      LOG.infof("refused a %s request for %s: %s", actionName, event.kafkaKey(), e.getMessage());
      return problems(
          TOO_LARGE,
          "the request is too large to publish: " + e.getMessage(),
          List.of(new Problem("answers", "make the answers smaller")));
    }
    sender.send(topics.requests(), event.kafkaKey(), message);
    return Response.accepted(Map.of("requestId", event.id(), "instanceKey", event.kafkaKey()))
        .build();
  }

  private Response plan(RequestAction action, ServiceRequest request) {
    Preparation preparation;
    try {
      preparation = preparer.prepare(action, request);
    } catch (InvalidFieldException e) {
      return problems(400, e.getMessage(), List.of(Problem.of(e)));
    }
    if (!preparation.accepted()) {
      return problems(
          UNPROCESSABLE, preparation.rejection().reason(), preparation.rejection().problems());
    }
    PreparedRun root = preparation.requested();
    List<RunPlanView> runs = preparation.runs().stream().map(RequestResource::view).toList();
    RunPlanView named = view(root);
    return Response.ok(
            new PlanView(
                named.instanceKey(),
                named.action(),
                named.node(),
                named.templateVersion(),
                named.upToDate(),
                named.answers(),
                named.steps(),
                runs))
        .build();
  }

  private static RunPlanView view(PreparedRun run) {
    return new RunPlanView(
        run.key().toString(),
        run.action().name().toLowerCase(Locale.ROOT),
        run.node(),
        run.template().contentHash,
        run.upToDate(),
        run.requiredBy() == null ? null : run.requiredBy().toString(),
        run.after().stream().map(Object::toString).toList(),
        SecretValues.mask(run.answers(), run.secretKeys()),
        run.plan().stream()
            .map(
                s ->
                    new PlannedStepView(
                        s.seq(),
                        s.node(),
                        s.role().name(),
                        s.phase().actionName(),
                        s.when().name()))
            .toList());
  }

  private static Response problems(int status, String detail, List<Problem> problems) {
    return ProblemDetails.of(status, detail).with("problems", problems).response();
  }
}
