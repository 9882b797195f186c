package io.ays.executor.api;

import io.ays.contracts.InstanceKey;
import io.ays.contracts.InvalidFieldException;
import io.ays.contracts.auth.Roles;
import io.ays.executor.action.InstanceFolders;
import io.ays.executor.config.ExecutorConfig;
import io.ays.executor.process.LogLines;
import io.ays.messaging.http.ProblemDetails;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * Serves the logs of the services this executor runs, so that {@code ays logs} works from anywhere:
 * the coordinator relays {@code GET /instances/.../logs} here, as the Kubernetes API server relays
 * {@code kubectl logs} to the kubelet. Only files of the instance's own log folder are read; the
 * key's parts cannot name another folder ({@link InstanceKey} allows no {@code /} and no leading
 * dot).
 *
 * <p>{@code since=process.1.log:4096,hooks.log:120} follows the logs ({@code ays logs --follow}): a
 * file named there answers its complete lines after that position, other files their last {@code
 * lines}; each file's {@code endOffset} is the position to ask from next.
 */
@RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.PUBLISHER, Roles.ADMIN})
@Path("/logs/{domain}/{name}/{instance}")
@Produces(MediaType.APPLICATION_JSON)
public class LogResource {

  static final int MAX_LINES = 10_000;

  private final ExecutorConfig config;

  public LogResource(ExecutorConfig config) {
    this.config = config;
  }

  @GET
  @Operation(
      summary = "Read an instance's logs on this node",
      description =
          "The last `lines` lines of each log of the instance's log folder (process.N.log,"
              + " hooks.log), or with `since` the lines after the given positions.")
  @APIResponse(
      responseCode = "200",
      description = "the instance's logs (no files if it has none here)",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = InstanceLogs.class)))
  @APIResponse(
      responseCode = "400",
      description = "a key part is not a name, lines is out of range, or since is malformed")
  public Response logs(
      @PathParam("domain") String domain,
      @PathParam("name") String name,
      @PathParam("instance") String instance,
      @Parameter(description = "how many lines of each file, 0 to " + MAX_LINES)
          @QueryParam("lines")
          @DefaultValue("100")
          int lines,
      @Parameter(
              description =
                  "file:position,... : answer each named file's lines after that byte position")
          @QueryParam("since")
          String since) {
    InstanceKey key;
    try {
      key = new InstanceKey(domain, name, instance);
    } catch (InvalidFieldException e) {
      return badRequest(e.getMessage());
    }
    if (lines < 0 || lines > MAX_LINES) {
      return badRequest("lines must be between 0 and " + MAX_LINES + ", was " + lines);
    }
    Map<String, Long> positions;
    try {
      positions = LogPositions.parse(since);
    } catch (IllegalArgumentException e) {
      return badRequest(e.getMessage());
    }
    java.nio.file.Path folder = new InstanceFolders(config.dataDir()).logDir(key);
    List<InstanceLogs.LogFile> files = new ArrayList<>();
    for (java.nio.file.Path file : logFiles(folder)) {
      String fileName = file.getFileName().toString();
      try {
        long size = Files.size(file);
        Long position = positions.get(fileName);
        LogLines.Slice read =
            position == null
                ? new LogLines.Slice(LogLines.last(file, lines), size)
                : LogLines.after(file, position);
        files.add(
            new InstanceLogs.LogFile(
                fileName,
                size,
                Files.getLastModifiedTime(file).toInstant(),
                read.lines(),
                read.end()));
      } catch (IOException e) {
        // A log rotated away between listing and reading is simply not shown.
      }
    }
    return Response.ok(new InstanceLogs(key.toString(), config.nodeId(), folder.toString(), files))
        .build();
  }

  private static Response badRequest(String detail) {
    return ProblemDetails.of(400, detail).response();
  }

  /**
   * The current logs of the folder (rotated copies {@code .log.N} are left out), by name. A service
   * can write in its log folder: a symbolic link there, or the folder itself replaced by one, is
   * never followed (and each file is opened without following a link), so only the instance's own
   * files are read.
   */
  private static List<java.nio.file.Path> logFiles(java.nio.file.Path folder) {
    if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
      return List.of();
    }
    try (Stream<java.nio.file.Path> entries = Files.list(folder)) {
      return entries
          .filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
          .filter(p -> p.getFileName().toString().endsWith(".log"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + folder, e);
    }
  }
}
