package io.ays.registry.git;

import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.eclipse.jgit.transport.PacketLineOut;

/**
 * Sends a refusal so that the person at the git command line reads why. The first request of a
 * clone or push ({@code info/refs?service=...}) gets the message as the protocol's {@code ERR}
 * line, which both git and JGit print ("remote error: ..."); JGit's own helper sends it with the
 * HTTP error status, which clients report as a bare "400 Bad Request". Any other request gets the
 * status with the message as plain text.
 */
final class GitErrorResponse {

  private GitErrorResponse() {}

  static void send(GitRequest request, HttpServletResponse res, int status, String message)
      throws IOException {
    if (request.advertisedService() != null) {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      PacketLineOut out = new PacketLineOut(body);
      out.writeString("# service=" + request.advertisedService() + "\n");
      out.end();
      out.writeString("ERR " + message);
      res.setStatus(HttpServletResponse.SC_OK);
      res.setContentType("application/x-" + request.advertisedService() + "-advertisement");
      res.setContentLength(body.size());
      res.getOutputStream().write(body.toByteArray());
    } else {
      byte[] text = (message + "\n").getBytes(StandardCharsets.UTF_8);
      res.setStatus(status);
      res.setContentType("text/plain; charset=UTF-8");
      res.setContentLength(text.length);
      res.getOutputStream().write(text);
    }
  }
}
