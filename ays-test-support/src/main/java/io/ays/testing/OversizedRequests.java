package io.ays.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Sends a request that declares a body larger than a service's limit, over a plain socket: the
 * service must answer from the {@code Content-Length} alone, so the test never sends the body (a
 * gigabyte, for the registry).
 */
public final class OversizedRequests {

  private OversizedRequests() {}

  /** The raw answer: status line, headers and body, as the service sent them. */
  public record Answer(int status, String head, String body) {}

  /**
   * Asserts that the service on {@code port} refuses {@code POST path} declaring {@code
   * declaredBytes} with 413 and problem details naming the size and its limit, {@code limitBytes}.
   */
  public static void assertRefused(int port, String path, long declaredBytes, long limitBytes) {
    Answer answer = post(port, path, declaredBytes);
    String detail =
        "the request body is "
            + declaredBytes
            + " bytes, over the limit of "
            + limitBytes
            + " bytes (quarkus.http.limits.max-body-size)";
    boolean problem =
        answer
            .head()
            .toLowerCase(java.util.Locale.ROOT)
            .contains("content-type: application/problem+json");
    if (answer.status() != 413
        || !problem
        || !answer.body().contains("\"status\":413")
        || !answer.body().contains(detail)) {
      throw new AssertionError(
          "expected 413 problem details saying '"
              + detail
              + "', got:\n"
              + answer.head()
              + "\n\n"
              + answer.body());
    }
  }

  /** {@code POST path} to 127.0.0.1:{@code port} declaring {@code declaredBytes} of JSON. */
  public static Answer post(int port, String path, long declaredBytes) {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      String head =
          "POST "
              + path
              + " HTTP/1.1\r\nHost: 127.0.0.1:"
              + port
              + "\r\nContent-Type: application/json\r\nContent-Length: "
              + declaredBytes
              + "\r\n\r\n";
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.write("{\"padding\":\"".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String answer = readUntilClosed(socket.getInputStream());
      int split = answer.indexOf("\r\n\r\n");
      String answerHead = split < 0 ? answer : answer.substring(0, split);
      String body = split < 0 ? "" : answer.substring(split + 4);
      int status = Integer.parseInt(answerHead.split(" ", 3)[1]);
      return new Answer(status, answerHead, body);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot send the oversized request to port " + port, e);
    }
  }

  private static String readUntilClosed(InputStream in) throws IOException {
    ByteArrayOutputStream read = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    for (int n; (n = in.read(buffer)) > 0; ) {
      read.write(buffer, 0, n);
    }
    return read.toString(StandardCharsets.UTF_8);
  }
}
