package io.ays.registry.api;

import io.ays.contracts.TemplateDefinition;
import io.ays.registry.domain.RepositorySyncer;
import io.ays.registry.domain.SyncReport;
import io.ays.registry.domain.TemplateCatalog;
import io.ays.registry.persistence.TemplateVersionEntity;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;

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
      String contentHash,
      String repository,
      String sourceCommit,
      Instant createdAt) {

    static VersionView of(TemplateVersionEntity v) {
      return new VersionView(
          v.domain, v.name, v.contentHash, v.repository, v.sourceCommit, v.createdAt);
    }
  }

  /** A template: its current definition and every version it has had, newest first. */
  public record TemplateView(TemplateDefinition current, List<VersionView> versions) {}

  @GET
  @Path("templates")
  @Transactional
  public List<VersionView> list() {
    return TemplateVersionEntity.currentOfEach().stream().map(VersionView::of).toList();
  }

  @GET
  @Path("templates/{domain}/{name}")
  @Transactional
  public TemplateView get(@PathParam("domain") String domain, @PathParam("name") String name) {
    TemplateVersionEntity current =
        TemplateVersionEntity.current(domain, name)
            .orElseThrow(() -> new NotFoundException("no template " + domain + "/" + name));
    return new TemplateView(
        catalog.definition(current),
        TemplateVersionEntity.history(domain, name).stream().map(VersionView::of).toList());
  }

  @GET
  @Path("templates/{domain}/{name}/versions/{hash}")
  @Transactional
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

  @POST
  @Path("sync")
  public SyncReport sync() {
    return syncer.syncAll();
  }
}
