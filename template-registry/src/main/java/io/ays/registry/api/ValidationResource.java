package io.ays.registry.api;

import io.ays.contracts.auth.Roles;
import io.ays.messaging.http.ProblemDetails;
import io.ays.registry.domain.TemplateArchive;
import io.ays.registry.domain.TemplateValidator;
import io.ays.registry.domain.ValidationReport;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.logging.Logger;

/**
 * Validates templates before they are committed: upload a folder as a tar (plain or gzip) and get
 * every problem back with file and line. Nothing is stored or published.
 */
@RolesAllowed({Roles.PUBLISHER, Roles.ADMIN})
@Path("/templates/validate")
public class ValidationResource {

  private static final Logger LOG = Logger.getLogger(ValidationResource.class);

  /**
   * @param domain the domain the templates would belong to (it appears in each problem's path)
   * @param name the name of a template whose service.hrd is at the archive's root
   */
  @POST
  @Consumes({"application/x-tar", "application/gzip", "application/x-gzip"})
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Validate templates uploaded as a tar (plain or gzip); nothing is stored",
      description = "Answers every problem found, with file and line.")
  @APIResponse(responseCode = "200", description = "the validation report (valid or not)")
  @APIResponse(
      responseCode = "400",
      description = "the body is not a readable tar, or is over the entry or size limits")
  @APIResponse(responseCode = "415", description = "the body is not a tar or a gzip")
  public Response validate(
      InputStream body,
      @QueryParam("domain") @DefaultValue("upload") String domain,
      @QueryParam("name") @DefaultValue("template") String name) {
    TemplateArchive archive;
    try {
      archive = TemplateArchive.read(body);
    } catch (TemplateArchive.UnreadableArchiveException e) {
      // No metrics in the registry yet: the log line is how an operator sees refused uploads.
      LOG.infof("refused an upload to validate: %s", e.getMessage());
      return ProblemDetails.of(400, "request body: " + e.getMessage()).response();
    }
    ValidationReport report = TemplateValidator.validate(domain, name, archive);
    return Response.ok(report).build();
  }
}
