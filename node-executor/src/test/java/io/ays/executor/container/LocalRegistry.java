package io.ays.executor.container;

import io.ays.testing.Prerequisites;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real container registry on 127.0.0.1 for a test: Debian's {@code docker-registry} (the CNCF
 * distribution registry) run on a free port with its storage in a folder of the test, never the
 * package's system service. Docker accepts plain HTTP from registries on 127.0.0.0/8, so no TLS.
 */
final class LocalRegistry implements AutoCloseable {

  static final Path BINARY = Path.of("/usr/bin/docker-registry");
  static final Path BUSYBOX = Path.of("/bin/busybox");

  private final Process process;
  private final int port;
  private final Path log;

  private LocalRegistry(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /** What the registry logged: one line per request. */
  String log() throws IOException {
    return Files.readString(log);
  }

  /**
   * Installs the registry and busybox from Debian's packages when missing (deploy/ci/
   * install-registry.sh, as root), then skips the test, or fails it under -Days.require.all=true,
   * if they are still missing.
   */
  static void require() throws Exception {
    if (!Files.isExecutable(BINARY) || !Files.isExecutable(BUSYBOX)) {
      Path script = Path.of("../deploy/ci/install-registry.sh");
      if (Files.isRegularFile(script)) {
        Process install = new ProcessBuilder("bash", script.toString()).inheritIO().start();
        install.waitFor();
      }
    }
    Prerequisites.require(
        Files.isExecutable(BINARY) && Files.isExecutable(BUSYBOX),
        "needs Debian's docker-registry and busybox-static: run `bash"
            + " deploy/ci/install-registry.sh` as root");
  }

  /** Starts a registry storing into {@code dir}; returns once it answers. */
  static LocalRegistry start(Path dir) throws Exception {
    return start(dir, null, null);
  }

  /**
   * Starts a registry that asks for {@code user} and {@code password} (HTTP basic, its htpasswd
   * file made with python3's bcrypt), or none when {@code user} is null.
   */
  static LocalRegistry start(Path dir, String user, String password) throws Exception {
    // A fixed port when the engine must be told the registry is plain HTTP (Podman's
    // registries.conf: deploy/ci/podman-test.sh); Docker allows any port on 127.0.0.0/8.
    String fixed = System.getProperty("ays.registry.port");
    int port = fixed == null ? freePort() : Integer.parseInt(fixed);
    Path config = dir.resolve("config.yml");
    Files.writeString(
        config,
        """
        version: 0.1
        log:
          level: info
        storage:
          filesystem:
            rootdirectory: %s
        http:
          addr: 127.0.0.1:%d
        """
            .formatted(dir.resolve("data"), port));
    if (user != null) {
      Files.writeString(dir.resolve("htpasswd"), user + ":" + bcrypt(password) + "\n");
      Files.writeString(
          config,
          """
          auth:
            htpasswd:
              realm: ays-test
              path: %s
          """
              .formatted(dir.resolve("htpasswd")),
          java.nio.file.StandardOpenOption.APPEND);
    }
    Process process =
        new ProcessBuilder(BINARY.toString(), "serve", config.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("registry.log").toFile())
            .start();
    LocalRegistry registry = new LocalRegistry(process, port, dir.resolve("registry.log"));
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      try {
        HttpResponse<Void> response =
            http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v2/")).build(),
                HttpResponse.BodyHandlers.discarding());
        // 401: it answers, and asks for the credentials it was given.
        if (response.statusCode() == 200 || response.statusCode() == 401) {
          return registry;
        }
      } catch (IOException e) {
        // Not listening yet.
      }
      if (!process.isAlive() || System.nanoTime() > deadline) {
        registry.close();
        throw new AssertionError(
            "the registry did not answer: " + Files.readString(dir.resolve("registry.log")));
      }
      Thread.sleep(100);
    }
  }

  /** A bcrypt hash of {@code password} at the lowest cost; the password goes through stdin only. */
  private static String bcrypt(String password) throws Exception {
    Process python =
        new ProcessBuilder(
                "python3",
                "-W",
                "ignore",
                "-c",
                "import crypt, sys; print(crypt.crypt(sys.stdin.read(),"
                    + " crypt.mksalt(crypt.METHOD_BLOWFISH, rounds=16)))")
            .start();
    python.getOutputStream().write(password.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    python.getOutputStream().close();
    String hash =
        new String(python.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
            .strip();
    python.waitFor();
    if (!hash.startsWith("$2")) {
      throw new AssertionError("python3 made no bcrypt hash: " + hash);
    }
    return hash;
  }

  /** {@code 127.0.0.1:<port>}, the host part of the image names it serves. */
  String host() {
    return "127.0.0.1:" + port;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    process.waitFor();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
