package io.ays.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One AYS cluster for the end-to-end classes that can share it: starting a cluster takes 35-50 s,
 * longer than most classes' scenarios. The first class to {@link #acquire} it starts it; it stops
 * when the test JVM exits.
 *
 * <p>Classes stay independent in any order: each publishes its own templates (names no other class
 * uses) to the shared repository of domain {@code e2e}, uses instances of its own, and {@link
 * #release}s the cluster when done, which uninstalls every instance, so that the next class starts
 * with nothing installed and no process of an earlier class can be restarted by the monitor. A
 * cluster a class left unhealthy (a service that does not answer, say a coordinator killed and not
 * restarted, or an instance that cannot be uninstalled) is closed, and the next class gets a new
 * one.
 */
final class SharedAysCluster {

  /**
   * The lock every class of the shared cluster holds while it runs ({@code @ResourceLock}): classes
   * run two at a time (junit-platform.properties), and a class releasing the cluster uninstalls
   * every instance, so two of them must never use it at once. The classes with a cluster of their
   * own (the tutorial, the CLI) run beside them.
   */
  static final String LOCK = "ays-e2e-shared-cluster";

  /** The domain of the templates the classes publish with {@link #publish}. */
  static final String E2E = "e2e";

  /** The domain of the AYS 7 corpus ({@link CorpusPlansEndToEndTest}); empty until committed. */
  static final String CORPUS = "jumpscale";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration UNINSTALL_TIMEOUT = Duration.ofSeconds(180);
  private static final Duration ASK_AGAIN_AFTER = Duration.ofSeconds(10);

  private static AysCluster cluster;
  private static boolean stopsWithTheJvm;

  private SharedAysCluster() {}

  /** The shared cluster, started now if no healthy one runs. */
  static synchronized AysCluster acquire() throws Exception {
    if (cluster != null && !cluster.isHealthy()) {
      discard();
    }
    if (cluster == null) {
      cluster = start();
    }
    if (!stopsWithTheJvm) {
      Runtime.getRuntime()
          .addShutdownHook(new Thread(SharedAysCluster::discard, "ays-e2e-shared-cluster-stop"));
      stopsWithTheJvm = true;
    }
    return cluster;
  }

  /**
   * Commits {@code files} (template folders, as in {@link TemplateRepository#create}) to the shared
   * repository of {@code domain} and syncs the registry with it; the coordinator learns of the
   * templates shortly after, over {@code ays.templates}.
   */
  static void publish(String domain, Map<String, String> files) throws Exception {
    commit(domain, files);
    HttpResponse<String> sync = acquire().registry.post("/sync?domain=" + domain, "");
    assertThat(sync.statusCode()).as("sync of %s: %s", domain, sync.body()).isEqualTo(200);
    JsonNode report = JSON.readTree(sync.body()).path("repositories").path(0);
    assertThat(report.path("error").isNull())
        .as("the shared %s repository synced: %s", domain, sync.body())
        .isTrue();
    for (String name : templateNames(files)) {
      awaitKnownToCoordinator(domain, name);
    }
  }

  /** The templates among {@code files}: the folders holding a {@code service.hrd}. */
  private static List<String> templateNames(Map<String, String> files) {
    return files.keySet().stream()
        .map(Path::of)
        .filter(p -> p.getFileName().toString().equals("service.hrd") && p.getParent() != null)
        .map(p -> p.getParent().toString())
        .toList();
  }

  /**
   * Waits until the coordinator has the template; a plan may still be refused for other reasons
   * (answers without a default), which is the class's to check.
   */
  private static void awaitKnownToCoordinator(String domain, String name) throws Exception {
    String request = JSON.createObjectNode().put("domain", domain).put("name", name).toString();
    String unknown = "unknown template " + domain + "/" + name;
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      last = acquire().coordinator.post("/requests/install?dryRun=true", request).body();
      if (!last.contains(unknown)) {
        return;
      }
      Thread.sleep(250);
    }
    throw new AssertionError(
        "the coordinator never learned of " + domain + "/" + name + ": " + last);
  }

  /** Commits {@code files} to the shared repository of {@code domain} without syncing it. */
  static synchronized void commit(String domain, Map<String, String> files) throws Exception {
    TemplateRepository.commit(repository(acquire(), domain), files);
  }

  /**
   * Ends a class's use of the cluster: uninstalls every instance and waits until none is left. If
   * that fails, the cluster is closed so that the next class starts on a new one.
   */
  static synchronized void release() {
    if (cluster == null) {
      return;
    }
    try {
      if (!cluster.isHealthy() || !uninstallEverything(cluster)) {
        discard();
      }
    } catch (Exception e) {
      discard();
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static AysCluster start() throws Exception {
    Path projectDir = Path.of(System.getProperty("ays.project.dir"));
    Path workDir = projectDir.resolve("ays-e2e/target/shared-" + System.currentTimeMillis());
    Map<String, String> readme = Map.of("README.md", "templates of the end-to-end tests\n");
    Path e2e = TemplateRepository.create(workDir.resolve("templates").resolve(E2E), readme);
    Path corpus = TemplateRepository.create(workDir.resolve("templates").resolve(CORPUS), readme);
    return new AysCluster(
        projectDir,
        workDir,
        E2E + "=" + e2e.toUri() + "#main," + CORPUS + "=" + corpus.toUri() + "#main");
  }

  private static Path repository(AysCluster ays, String domain) {
    return ays.workDir.resolve("templates").resolve(domain);
  }

  /**
   * Uninstalls every instance the coordinator knows, again and again while some are left (an
   * uninstall may wait for a run in progress, or for the instances that depend on it).
   */
  private static boolean uninstallEverything(AysCluster ays) throws Exception {
    long deadline = System.nanoTime() + UNINSTALL_TIMEOUT.toNanos();
    Map<String, Long> lastAsked = new HashMap<>();
    while (System.nanoTime() < deadline) {
      JsonNode instances = JSON.readTree(ays.coordinator.get("/instances").body());
      if (instances.isEmpty()) {
        return true;
      }
      for (JsonNode instance : instances) {
        String key = instance.path("instanceKey").asText();
        boolean idle =
            instance.path("activeRunId").isNull() || instance.path("activeRunId").isMissingNode();
        Long asked = lastAsked.get(key);
        // An accepted request becomes a run a moment later: ask again only if none came of it.
        if (idle && (asked == null || System.nanoTime() - asked > ASK_AGAIN_AFTER.toNanos())) {
          lastAsked.put(key, System.nanoTime());
          ays.coordinator.post(
              "/requests/uninstall",
              JSON.createObjectNode()
                  .put("domain", instance.path("domain").asText())
                  .put("name", instance.path("name").asText())
                  .put("instance", instance.path("instance").asText())
                  .toString());
        }
      }
      Thread.sleep(500);
    }
    return false;
  }

  private static synchronized void discard() {
    if (cluster != null) {
      cluster.close();
      cluster = null;
    }
  }
}
