package io.ays.messaging.http;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;

/**
 * Completes every service's OpenAPI document with what all AYS REST APIs share: the {@code
 * ProblemDetails} schema as the body of every error response ({@code application/problem+json}),
 * the 401 and 403 of every operation that needs a token, and the roles each operation allows, named
 * in its description and in the extension {@code x-ays-roles}. Resources document only the errors
 * that are their own (404, 409, ...).
 */
@OpenApiFilter(OpenApiFilter.RunStage.RUN)
public class ProblemDocumentation implements OASFilter {

  /** The name of the problem details schema in {@code components.schemas}. */
  public static final String SCHEMA = "ProblemDetails";

  /** The extension listing the roles that may call an operation. */
  public static final String ROLES_EXTENSION = "x-ays-roles";

  @Override
  public void filterOpenAPI(OpenAPI openAPI) {
    if (openAPI.getComponents() == null) {
      openAPI.setComponents(OASFactory.createComponents());
    }
    openAPI.getComponents().addSchema(SCHEMA, problemSchema());
    if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
      return;
    }
    for (PathItem item : openAPI.getPaths().getPathItems().values()) {
      Map<PathItem.HttpMethod, Operation> operations = item.getOperations();
      if (operations != null) {
        operations.values().forEach(ProblemDocumentation::complete);
      }
    }
  }

  private static void complete(Operation operation) {
    if (operation.getResponses() == null) {
      operation.setResponses(OASFactory.createAPIResponses());
    }
    APIResponses responses = operation.getResponses();
    List<String> roles = rolesOf(operation);
    if (!roles.isEmpty()) {
      operation.addExtension(ROLES_EXTENSION, roles);
      String needs = "Roles: " + String.join(", ", roles) + ".";
      String description = operation.getDescription();
      if (description == null || !description.contains(needs)) {
        operation.setDescription(
            description == null || description.isBlank() ? needs : description + "\n\n" + needs);
      }
      putIfAbsent(responses, "401", StatusDetails.of(401, "this method"));
      putIfAbsent(responses, "403", "the token has none of the roles " + String.join(", ", roles));
    }
    if (responses.getAPIResponses() == null) {
      return;
    }
    responses
        .getAPIResponses()
        .forEach(
            (code, response) -> {
              if (isError(code)) {
                response.setContent(problemContent());
              }
            });
  }

  /** The roles of the bearer-token requirement Quarkus derives from {@code @RolesAllowed}. */
  private static List<String> rolesOf(Operation operation) {
    TreeSet<String> roles = new TreeSet<>();
    if (operation.getSecurity() != null) {
      for (SecurityRequirement requirement : operation.getSecurity()) {
        if (requirement.getSchemes() != null) {
          requirement.getSchemes().values().forEach(scopes -> roles.addAll(scopes));
        }
      }
    }
    return List.copyOf(roles);
  }

  private static void putIfAbsent(APIResponses responses, String code, String description) {
    if (!responses.hasAPIResponse(code)) {
      APIResponse response = OASFactory.createAPIResponse().description(description);
      responses.addAPIResponse(code, response);
    }
  }

  private static boolean isError(String code) {
    return code.length() == 3 && (code.charAt(0) == '4' || code.charAt(0) == '5');
  }

  private static Content problemContent() {
    return OASFactory.createContent()
        .addMediaType(
            ProblemDetails.MEDIA_TYPE,
            OASFactory.createMediaType()
                .schema(OASFactory.createSchema().ref("#/components/schemas/" + SCHEMA)));
  }

  private static Schema problemSchema() {
    Schema text = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
    return OASFactory.createSchema()
        .addType(Schema.SchemaType.OBJECT)
        .description(
            "RFC 9457 problem details: the body of every AYS error. Extension members: problems"
                + " (every invalid field of a refused request), unavailable (the dependency a 503"
                + " waits for).")
        .addRequired("type")
        .addRequired("title")
        .addRequired("status")
        .addRequired("detail")
        .addProperty("type", text.description("about:blank: the status says what kind"))
        .addProperty(
            "title",
            OASFactory.createSchema()
                .addType(Schema.SchemaType.STRING)
                .description("the status's reason phrase"))
        .addProperty(
            "status",
            OASFactory.createSchema()
                .addType(Schema.SchemaType.INTEGER)
                .description("the HTTP status"))
        .addProperty(
            "detail",
            OASFactory.createSchema()
                .addType(Schema.SchemaType.STRING)
                .description("what was wrong in this request, naming the field, file or line"))
        .addProperty(
            "instance",
            OASFactory.createSchema()
                .addType(Schema.SchemaType.STRING)
                .description("the path that was called"))
        .addProperty(
            "unavailable",
            OASFactory.createSchema()
                .addType(Schema.SchemaType.STRING)
                .description("503 only: the dependency that is unavailable (database, broker)"))
        .addProperty(
            "problems",
            OASFactory.createSchema()
                .addType(Schema.SchemaType.ARRAY)
                .description("every invalid field of a refused request")
                .items(
                    OASFactory.createSchema()
                        .addType(Schema.SchemaType.OBJECT)
                        .addProperty(
                            "field", OASFactory.createSchema().addType(Schema.SchemaType.STRING))
                        .addProperty(
                            "message",
                            OASFactory.createSchema().addType(Schema.SchemaType.STRING))));
  }
}
