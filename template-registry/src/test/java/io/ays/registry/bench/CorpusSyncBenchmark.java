package io.ays.registry.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ays.testing.KafkaBroker;
import io.ays.testing.PostgresDatabase;
import io.ays.testing.Readiness;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.jgit.api.Git;

/**
 * The registry's end-to-end load of a template corpus, measured (docs/benchmarks.md): the corpus is
 * copied into a fresh git repository; the packaged registry runs as its own process against a real
 * PostgreSQL and Kafka; each round syncs the corpus under a new domain (clone, parse and validate
 * every template, store every version, publish every definition) and is timed from {@code POST
 * /sync} until the last definition has been read back from {@code ays.templates}. A final sync of
 * an unchanged repository shows what a no-op sync costs, and that it publishes nothing.
 *
 * <p>Not a test: run by {@code template-registry/bench/corpus-sync.sh}.
 */
public final class CorpusSyncBenchmark {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: CorpusSyncBenchmark <corpus dir> <quarkus-run.jar> [rounds]");
      System.exit(2);
    }
    Path corpus = Path.of(args[0]).toAbsolutePath();
    Path app = Path.of(args[1]).toAbsolutePath();
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    Path work = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "bench-");

    Path repo = work.resolve("corpus");
    long t = System.nanoTime();
    int files = copyIntoNewRepository(corpus, repo);
    System.out.printf(
        "corpus: %s, %d files, committed into a fresh git repository in %d ms%n",
        corpus, files, ms(t));

    try (PostgresDatabase db = PostgresDatabase.start();
        KafkaBroker broker = KafkaBroker.start()) {
      StringBuilder repositories = new StringBuilder();
      for (int i = 1; i <= rounds + 1; i++) {
        repositories.append(i > 1 ? "," : "").append("r").append(i).append('=');
        repositories.append(repo.toUri()).append("#master");
      }
      int port = freePort();
      Process registry = startRegistry(app, work, db, broker, repositories.toString(), port);
      try (DefinitionCounter published = new DefinitionCounter(broker.bootstrapServers())) {
        String base = "http://127.0.0.1:" + port;
        awaitReady(base, registry);
        List<Long> warm = new ArrayList<>();
        for (int i = 1; i <= rounds; i++) {
          String domain = "r" + i;
          long start = System.nanoTime();
          JsonNode report = post(base + "/sync?domain=" + domain).path("repositories").path(0);
          long synced = ms(start);
          int count = report.path("published").size();
          published.awaitAtLeast(domain, count, Duration.ofMinutes(2));
          long total = ms(start);
          JsonNode timings = report.path("timings");
          System.out.printf(
              "round %d (%s): %d templates published, %d problem(s); sync answered in %d ms"
                  + " (fetch %d, read+validate %d, store %d), all definitions on ays.templates"
                  + " after %d ms; load average %s%n",
              i,
              i == 1 ? "first sync after start-up" : "warm",
              count,
              report.path("invalid").size(),
              synced,
              timings.path("fetchMillis").asLong(),
              timings.path("readMillis").asLong(),
              timings.path("storeMillis").asLong(),
              total,
              loadAverage());
          if (i > 1) {
            warm.add(total);
          }
        }
        int before = published.count("r1");
        long start = System.nanoTime();
        JsonNode again = post(base + "/sync?domain=r1").path("repositories").path(0);
        long noop = ms(start);
        Thread.sleep(2000); // anything published by mistake would arrive meanwhile
        System.out.printf(
            "unchanged re-sync of r1: %d ms, %d published, %d unchanged, %d definitions of r1 on"
                + " the topic (was %d)%n",
            noop,
            again.path("published").size(),
            again.path("unchanged").asInt(),
            published.count("r1"),
            before);
        if (!warm.isEmpty()) {
          System.out.printf(
              "warm end-to-end load: median %d ms over %d round(s)%n",
              warm.stream().sorted().toList().get(warm.size() / 2), warm.size());
        }
      } finally {
        registry.destroy();
        registry.waitFor();
      }
    }
  }

  private static int copyIntoNewRepository(Path corpus, Path repo) throws Exception {
    AtomicInteger files = new AtomicInteger();
    try (Stream<Path> paths = Files.walk(corpus)) {
      for (Path source : (Iterable<Path>) paths::iterator) {
        Path target = repo.resolve(corpus.relativize(source).toString());
        if (source.getFileName().toString().equals(".git")) {
          continue;
        }
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else if (!source.toString().contains("/.git/")) {
          Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
          files.incrementAndGet();
        }
      }
    }
    try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("master").call()) {
      git.add().addFilepattern(".").call();
      git.commit()
          .setMessage("corpus")
          .setAuthor("bench", "bench@localhost")
          .setCommitter("bench", "bench@localhost")
          .setSign(false)
          .call();
    }
    return files.get();
  }

  private static Process startRegistry(
      Path app, Path work, PostgresDatabase db, KafkaBroker broker, String repositories, int port)
      throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-jar",
                app.toString())
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("registry.log").toFile());
    Map<String, String> env = builder.environment();
    env.put("AYS_HTTP_PORT", String.valueOf(port));
    env.put("AYS_HTTP_HOST", "127.0.0.1");
    env.put("AYS_DB_URL", db.jdbcUrl());
    env.put("AYS_DB_USER", db.username());
    env.put("AYS_DB_PASSWORD", db.password());
    env.put("AYS_KAFKA_BOOTSTRAP", broker.bootstrapServers());
    env.put("AYS_REGISTRY_REPOSITORIES", repositories);
    env.put("AYS_REGISTRY_WORK_DIR", work.resolve("registry").toString());
    env.put("AYS_REGISTRY_SYNC_ON_START", "false");
    env.put("AYS_REGISTRY_SYNC_INTERVAL", "1h");
    System.out.printf("registry log: %s%n", work.resolve("registry.log"));
    return builder.start();
  }

  private static void awaitReady(String base, Process registry) throws Exception {
    Readiness.await(base, "the registry", Duration.ofMinutes(2), registry::isAlive);
  }

  private static JsonNode post(String url) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(url))
                .POST(HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofMinutes(5))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          url + " answered " + response.statusCode() + ": " + response.body());
    }
    return JSON.readTree(response.body());
  }

  /** The machine's 1-minute load average: figures taken under other load are not comparable. */
  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static long ms(long since) {
    return (System.nanoTime() - since) / 1_000_000;
  }

  /** Counts the definitions on ays.templates by domain (the key's part before '/'). */
  private static final class DefinitionCounter implements AutoCloseable {
    private final Map<String, AtomicInteger> byDomain = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    DefinitionCounter(String bootstrap) {
      thread =
          new Thread(
              () -> {
                try (KafkaConsumer<String, String> consumer =
                    new KafkaConsumer<>(
                        Map.of(
                            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                            bootstrap,
                            ConsumerConfig.GROUP_ID_CONFIG,
                            "bench-" + UUID.randomUUID(),
                            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                            "earliest"),
                        new StringDeserializer(),
                        new StringDeserializer())) {
                  consumer.subscribe(List.of("ays.templates"));
                  while (running.get()) {
                    consumer
                        .poll(Duration.ofMillis(50))
                        .forEach(
                            r ->
                                byDomain
                                    .computeIfAbsent(
                                        r.key().substring(0, r.key().indexOf('/')),
                                        d -> new AtomicInteger())
                                    .incrementAndGet());
                  }
                }
              },
              "bench-consumer");
      thread.setDaemon(true);
      thread.start();
    }

    int count(String domain) {
      AtomicInteger n = byDomain.get(domain);
      return n == null ? 0 : n.get();
    }

    void awaitAtLeast(String domain, int expected, Duration timeout) throws InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (count(domain) < expected) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "only " + count(domain) + " of " + expected + " definitions of " + domain + " seen");
        }
        Thread.sleep(5);
      }
    }

    @Override
    public void close() throws InterruptedException {
      running.set(false);
      thread.join(5000);
    }
  }
}
