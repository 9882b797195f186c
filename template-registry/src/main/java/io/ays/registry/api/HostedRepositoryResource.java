package io.ays.registry.api;

import io.ays.contracts.auth.PushClaim;
import io.ays.contracts.auth.Roles;
import io.ays.messaging.http.ProblemDetails;
import io.ays.registry.git.HostedRepositories;
import io.ays.registry.git.HostedRepository;
import io.ays.registry.git.HostedRepositoryName;
import io.ays.registry.git.PushRights;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * The git repositories the registry hosts (served under {@code /git/}): list them, create one
 * before its first push. Creating needs what pushing needs: the role admin, or publisher with the
 * name in the token's {@link PushClaim} claim.
 */
@Path("/git-repositories")
@Produces(MediaType.APPLICATION_JSON)
public class HostedRepositoryResource {

  /** A hosted repository as listed, with the URL to clone or push. */
  public record RepositoryView(String name, String url, String head, Map<String, String> branches) {

    static RepositoryView of(HostedRepository repo, URI base) {
      return new RepositoryView(
          repo.name(), base.resolve(repo.path()).toString(), repo.head(), repo.branches());
    }
  }

  /** The body of a create request. */
  public record CreateRequest(String name) {}

  private final HostedRepositories repositories;
  private final JsonWebToken caller;

  public HostedRepositoryResource(HostedRepositories repositories, JsonWebToken caller) {
    this.repositories = repositories;
    this.caller = caller;
  }

  @GET
  @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.PUBLISHER, Roles.ADMIN})
  @Operation(summary = "The git repositories the registry hosts, with the URL to clone or push")
  @APIResponse(responseCode = "200", description = "every hosted repository")
  public List<RepositoryView> list(@Context UriInfo uri) {
    return repositories.list().stream()
        .map(repo -> RepositoryView.of(repo, uri.getBaseUri()))
        .toList();
  }

  @POST
  @RolesAllowed({Roles.PUBLISHER, Roles.ADMIN})
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Create a hosted git repository before its first push",
      description =
          "A publisher may create only the repositories its token's push claim names; admin any.")
  @APIResponse(responseCode = "201", description = "created; Location is the URL to push to")
  @APIResponse(responseCode = "400", description = "the name is missing or not a repository name")
  @APIResponse(
      responseCode = "403",
      description = "the token lacks the role, or its push claim does not name the repository")
  @APIResponse(responseCode = "409", description = "a repository of this name exists")
  @APIResponse(responseCode = "415", description = "the body is not application/json")
  public Response create(CreateRequest request, @Context UriInfo uri) {
    if (request == null || request.name() == null) {
      return ProblemDetails.of(400, "field 'name' is missing").response();
    }
    HostedRepositoryName name;
    try {
      name = HostedRepositoryName.parse(request.name());
    } catch (HostedRepositoryName.InvalidRepositoryNameException e) {
      return ProblemDetails.of(400, "field 'name': " + e.getMessage()).response();
    }
    if (!caller.getGroups().contains(Roles.ADMIN)
        && !PushRights.of(caller.getClaim(PushClaim.NAME)).allow(name)) {
      return ProblemDetails.of(
              403,
              "field 'name': the token may not create "
                  + name
                  + ": a publisher may create and push only the repositories its claim "
                  + PushClaim.NAME
                  + " names")
          .response();
    }
    RepositoryView created;
    try {
      created = RepositoryView.of(repositories.create(name), uri.getBaseUri());
    } catch (IllegalStateException e) {
      return ProblemDetails.of(409, e.getMessage()).response();
    }
    return Response.created(URI.create(created.url())).entity(created).build();
  }
}
