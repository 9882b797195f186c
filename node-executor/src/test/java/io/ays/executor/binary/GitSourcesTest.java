package io.ays.executor.binary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.ays.executor.node.NodePlatform;
import io.ays.model.template.GitExport;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A template's {@code git.export} cannot make a node fetch from where only the node can reach: its
 * own files, a port on localhost, a private or metadata address. Tried with a real exporter, a real
 * repository on disk and a real HTTP server on 127.0.0.1 that counts what reaches it.
 */
class GitSourcesTest {

  private static final InetAddress PUBLIC = address(140, 82, 121, 3);
  private static final InetAddress METADATA = address(169, 254, 169, 254);

  @TempDir Path tmp;
  private HttpServer server;
  private final AtomicInteger hits = new AtomicInteger();

  @BeforeEach
  void localServer() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          hits.incrementAndGet();
          exchange.sendResponseHeaders(404, -1);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void aLocalRepositoryIsRefusedUnlessAllowedAndNothingIsWritten() throws Exception {
    Path bare = tmp.resolve("secret.git");
    Git.init().setBare(true).setDirectory(bare.toFile()).call().close();
    GitExporter exporter = exporter(new GitSources(Optional.empty(), List.of(), false, false));

    for (String url : List.of(bare.toUri().toString(), bare.toString())) {
      assertThatThrownBy(() -> exporter.export(List.of(export(url)), tmp.resolve("instance")))
          .isInstanceOf(ExportException.class)
          .hasMessageStartingWith("git.export.1: url '" + url + "' is not an allowed source")
          .hasMessageContaining("ays.executor.git-export.allow-file");
    }
    assertThat(tmp.resolve("data/git")).doesNotExist();
    assertThat(tmp.resolve("instance")).doesNotExist();
  }

  @Test
  void aLoopbackAddressIsRefusedEvenUnderAnAllowedUrlAndNeverContacted() {
    String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    GitExporter exporter = exporter(new GitSources(Optional.empty(), List.of(base), false, false));

    assertThatThrownBy(
            () -> exporter.export(List.of(export(base + "admin.git")), tmp.resolve("instance")))
        .isInstanceOf(ExportException.class)
        .hasMessageContaining("is at the private or local address 127.0.0.1")
        .hasMessageContaining("ays.executor.git-export.allow-private-addresses");
    assertThat(hits).hasValue(0);
    assertThat(tmp.resolve("data/git")).doesNotExist();
  }

  @Test
  void aUrlOutsideTheRegistryAndTheAllowedUrlsIsRefusedNamingBoth() {
    String registry = "http://127.0.0.1:" + server.getAddress().getPort() + "/git/";
    GitSources sources =
        new GitSources(
            Optional.of(registry),
            List.of("https://github.com/acme/"),
            false,
            false,
            host -> new InetAddress[] {PUBLIC});

    for (String url :
        List.of(
            "http://127.0.0.1:" + server.getAddress().getPort() + "/admin.git",
            "http://127.0.0.1:" + server.getAddress().getPort() + "/git/../admin.git",
            "https://github.com/acme-evil/x.git",
            "https://github.com/acme/x.git?redirect=http://10.0.0.1/",
            "ftp://github.com/acme/x.git")) {
      assertThatThrownBy(() -> sources.check("git.export.1", url))
          .as(url)
          .isInstanceOf(ExportException.class)
          .hasMessageStartingWith("git.export.1: url '" + url + "' is not an allowed source");
    }
    assertThatThrownBy(() -> sources.check("git.export.1", "https://github.com/other/x.git"))
        .hasMessageContaining("neither under the registry's git hosting (" + registry + ")")
        .hasMessageContaining("nor under an allowed URL (https://github.com/acme/)");
    assertThat(hits).hasValue(0);
  }

  @Test
  void theRegistryHostingAndAllowedUrlsPassWithOrWithoutACredentialInTheUrl() {
    String registry = "http://127.0.0.1:" + server.getAddress().getPort() + "/git/";
    GitSources sources =
        new GitSources(
            Optional.of(registry),
            List.of("https://github.com/acme/", "ssh://git@git.example.com/bin"),
            false,
            false,
            host -> new InetAddress[] {PUBLIC});

    for (String url :
        List.of(
            registry + "binary/pkg.git",
            "https://github.com/acme/tool.git",
            "https://ci:token@github.com/acme/tool.git",
            "ssh://git@git.example.com/bin/tool.git",
            "git@git.example.com:bin/tool.git")) {
      assertThatCode(() -> sources.check("git.export.1", url)).as(url).doesNotThrowAnyException();
    }
  }

  @Test
  void aNameThatResolvesToAMetadataOrPrivateAddressIsRefused() {
    GitSources sources =
        new GitSources(
            Optional.empty(),
            List.of("http://mirror.example.com/"),
            false,
            false,
            host -> new InetAddress[] {PUBLIC, METADATA});

    assertThatThrownBy(() -> sources.check("git.export.1", "http://mirror.example.com/x.git"))
        .hasMessageContaining("is at the private or local address 169.254.169.254");
    GitSources allowing =
        new GitSources(
            Optional.empty(),
            List.of("http://mirror.example.com/"),
            false,
            true,
            host -> new InetAddress[] {METADATA});
    assertThatCode(() -> allowing.check("git.export.1", "http://mirror.example.com/x.git"))
        .doesNotThrowAnyException();
  }

  private GitExporter exporter(GitSources sources) {
    return new GitExporter(
        new GitCache(tmp.resolve("data/git")),
        new ExportPaths(List.of(tmp.resolve("data/var"))),
        new NodePlatform("linux", "amd64", "debian", "12"),
        sources);
  }

  private static GitExport export(String url) {
    return new GitExport(
        "service.git.export.1", url, null, "app", false, null, null, null, null, null, Map.of());
  }

  private static InetAddress address(int a, int b, int c, int d) {
    try {
      return InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }
}
