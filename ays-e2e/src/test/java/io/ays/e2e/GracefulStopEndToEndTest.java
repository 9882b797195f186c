package io.ays.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * An operator's SIGTERM to a node-executor in the middle of a phase, on the real processes: the
 * executor waits for the phase (up to its 15 s bound), then answers it FAILED with the reason and
 * exits, so the run ends at once instead of waiting for the coordinator's phase timeout; started
 * again, the executor takes the next request.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ResourceLock(SharedAysCluster.LOCK)
class GracefulStopEndToEndTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String KEY = "e2e/drain-slow/main";

  /** The executor's default wait for running phases, plus its outbox flush and the JVM's exit. */
  private static final Duration STOP_BOUND = Duration.ofSeconds(45);

  private AysCluster ays;
  private Path started;

  @BeforeAll
  void publish() throws Exception {
    Path projectDir = Path.of(System.getProperty("ays.project.dir"));
    Path workDir = projectDir.resolve("ays-e2e/target/drain-" + System.currentTimeMillis());
    Files.createDirectories(workDir);
    started = workDir.resolve("configure-started");
    ays = SharedAysCluster.acquire();
    SharedAysCluster.publish(SharedAysCluster.E2E, slowConfigureTemplate(started));
  }

  @AfterAll
  void release() {
    SharedAysCluster.release();
  }

  @Test
  void aStoppedExecutorAnswersItsRunningPhaseAndTheRunEndsWithoutWaitingForTheTimeout()
      throws Exception {
    String body = "{\"domain\":\"e2e\",\"name\":\"drain-slow\",\"instance\":\"main\"}";
    assertThat(ays.coordinator.post("/requests/install", body).statusCode()).isEqualTo(202);
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (!Files.exists(started)) {
      assertThat(System.nanoTime()).as("the configure hook never started").isLessThan(deadline);
      Thread.sleep(200);
    }

    ServiceProcess executor = ays.executor;
    executor.requestStop(); // SIGTERM, as systemd, docker stop or a pod's deletion send
    assertThat(executor.awaitExit(STOP_BOUND))
        .as("the executor ended within %s of SIGTERM; log: %s", STOP_BOUND, executor.log())
        .isTrue();

    // The coordinator's phase timeout is 120 s: a run ending well before it was answered.
    JsonNode run = awaitFinishedRun(Duration.ofSeconds(60));
    assertThat(run.path("status").asText()).isEqualTo("FAILED");
    JsonNode configure = null;
    for (JsonNode step : run.path("steps")) {
      if (step.path("phase").asText().equals("configure")) {
        configure = step;
      }
    }
    assertThat(configure).as("a configure step in %s", run).isNotNull();
    assertThat(configure.path("reason").asText())
        .contains("the executor was stopped while running configure")
        .contains("services it supervises keep running");

    // Started again, the node works: the next install of the same instance succeeds.
    ays.startAgain(executor);
    Files.deleteIfExists(started);
    Files.writeString(started.resolveSibling("fast"), "");
    assertThat(ays.coordinator.post("/requests/install", body).statusCode()).isEqualTo(202);
    deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      last = ays.coordinator.get("/instances/" + KEY + "/runs").body();
      JsonNode runs = JSON.readTree(last);
      if (runs.isArray()
          && runs.size() >= 2
          && runs.get(0).path("status").asText().equals("SUCCEEDED")) {
        return;
      }
      Thread.sleep(250);
    }
    throw new AssertionError("the install after the executor's restart never succeeded: " + last);
  }

  private JsonNode awaitFinishedRun(Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      last = ays.coordinator.get("/instances/" + KEY + "/runs").body();
      JsonNode runs = JSON.readTree(last);
      if (runs.isArray() && !runs.isEmpty()) {
        String status = runs.get(0).path("status").asText();
        if (status.equals("FAILED") || status.equals("SUCCEEDED")) {
          return runs.get(0);
        }
      }
      Thread.sleep(250);
    }
    throw new AssertionError(KEY + "'s run never ended; last: " + last);
  }

  /**
   * No process; a configure hook that says it started and then takes 40 s (longer than the
   * executor's 15 s wait), unless a file {@code fast} lies beside the marker. One attempt, so the
   * abandoned phase fails the run rather than being tried again.
   */
  private static Map<String, String> slowConfigureTemplate(Path started) {
    Path fast = started.resolveSibling("fast");
    return Map.of(
        "drain-slow/service.hrd",
        "lifecycle.configure.attempts = 1\n",
        "drain-slow/hooks/configure",
        "#!/bin/sh\nif [ -e '"
            + fast
            + "' ]; then exit 0; fi\ntouch '"
            + started
            + "'\nsleep 40\n");
  }
}
