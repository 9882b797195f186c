package io.ays.registry.api;

import io.ays.contracts.TemplateDefinition;
import io.ays.contracts.auth.Roles;
import io.ays.messaging.http.ProblemDetails;
import io.ays.registry.domain.RepositorySyncer;
import io.ays.registry.domain.TemplateCatalog;
import io.ays.registry.persistence.TemplateVersionEntity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** Templates and their versions, and a way to sync the repositories now. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class TemplateResource {

  private final TemplateCatalog catalog;
  private final RepositorySyncer syncer;

  public TemplateResource(TemplateCatalog catalog, RepositorySyncer syncer) {
    this.catalog = catalog;
    this.syncer = syncer;
  }

  /** A version as listed. */
  public record VersionView(
      String domain,
      String name,
      String description,
      String contentHash,
      String repository,
      String sourceCommit,
      Instant createdAt) {

    static VersionView of(TemplateVersionEntity v) {
      return new VersionView(
          v.domain,
          v.name,
          v.description,
          v.contentHash,
          v.repository,
          v.sourceCommit,
          v.createdAt);
    }
  }

  /** A template: its current definition and every version it has had, newest first. */
  public record TemplateView(TemplateDefinition current, List<VersionView> versions) {}

  /**
   * The current version of every template, or of those matching every given criterion.
   *
   * @param domain only this domain (exact)
   * @param name only names containing this (any case)
   * @param query only templates whose name, description or HRD files contain every word of this
   *     (any case)
   */
  @GET
  @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.PUBLISHER, Roles.ADMIN})
  @Path("templates")
  @Transactional
  @Operation(
      summary = "The current version of every template, or of those matching every criterion")
  @APIResponse(responseCode = "200", description = "the matching templates' current versions")
  @APIResponse(responseCode = "503", description = "the database is unavailable; try again")
  public List<VersionView> list(
      @QueryParam("domain") String domain,
      @QueryParam("name") String name,
      @QueryParam("q") String query) {
    List<String> words =
        query == null || query.isBlank() ? List.of() : List.of(query.trim().split("\\s+"));
    return TemplateVersionEntity.search(blankToNull(domain), blankToNull(name), words).stream()
        .map(VersionView::of)
        .toList();
  }

  @GET
  @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.PUBLISHER, Roles.ADMIN})
  @Path("templates/{domain}/{name}")
  @Transactional
  @Operation(summary = "A template: its current definition and every version, newest first")
  @APIResponse(responseCode = "200", description = "the template")
  @APIResponse(responseCode = "404", description = "no such template")
  @APIResponse(responseCode = "503", description = "the database is unavailable; try again")
  public TemplateView get(@PathParam("domain") String domain, @PathParam("name") String name) {
    TemplateVersionEntity current =
        TemplateVersionEntity.current(domain, name)
            .orElseThrow(() -> new NotFoundException("no template " + domain + "/" + name));
    return new TemplateView(
        catalog.definition(current),
        TemplateVersionEntity.history(domain, name).stream().map(VersionView::of).toList());
  }

  @GET
  @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.PUBLISHER, Roles.ADMIN})
  @Path("templates/{domain}/{name}/versions/{hash}")
  @Transactional
  @Operation(summary = "One version of a template, by its content hash")
  @APIResponse(responseCode = "200", description = "the version's definition")
  @APIResponse(responseCode = "404", description = "no such template or version")
  @APIResponse(responseCode = "503", description = "the database is unavailable; try again")
  public TemplateDefinition version(
      @PathParam("domain") String domain,
      @PathParam("name") String name,
      @PathParam("hash") String hash) {
    return TemplateVersionEntity.byHash(domain, name, hash)
        .map(catalog::definition)
        .orElseThrow(
            () ->
                new NotFoundException(
                    "no version " + hash + " of template " + domain + "/" + name));
  }

  /**
   * Syncs every configured repository now, or only the one of {@code domain}; answers when done
   * with what each sync published and every problem found.
   */
  @POST
  @RolesAllowed({Roles.PUBLISHER, Roles.ADMIN})
  @Path("sync")
  @Operation(
      summary = "Sync every configured repository now, or the one of a domain",
      description = "Answers when done, with what each sync published and every problem found.")
  @APIResponse(responseCode = "200", description = "what each repository's sync did")
  @APIResponse(responseCode = "404", description = "no repository is configured for the domain")
  @APIResponse(responseCode = "503", description = "the database is unavailable; try again")
  public Response sync(@QueryParam("domain") String domain) {
    if (domain == null || domain.isBlank()) {
      return Response.ok(syncer.syncAll()).build();
    }
    if (syncer.sources().stream().noneMatch(s -> s.domain().equals(domain))) {
      return ProblemDetails.of(
              404,
              "query parameter 'domain': no repository is configured for domain '" + domain + "'")
          .response();
    }
    return Response.ok(syncer.syncWhere(s -> s.domain().equals(domain))).build();
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.trim();
  }
}
