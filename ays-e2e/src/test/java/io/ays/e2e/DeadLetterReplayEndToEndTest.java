package io.ays.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * A request the coordinator dead-lettered, replayed with {@code ays dead-letters} once the cause is
 * fixed, then done: the coordinator runs with a message size limit set too low, refuses an install
 * request over it (dead letter, reason "over the limit"), is restarted with the limit back to its
 * default, and the replayed request installs the service. A second replay is refused.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ResourceLock(SharedAysCluster.LOCK)
class DeadLetterReplayEndToEndTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String KEY = "e2e/replayed/main";
  private static final String LIMIT = "AYS_MESSAGES_MAX_BYTES";

  private AysCluster ays;
  private AysCli cli;
  private int port;

  @BeforeAll
  void startAys() throws Exception {
    Path projectDir = Path.of(System.getProperty("ays.project.dir"));
    Path workDir = projectDir.resolve("ays-e2e/target/replay-" + System.currentTimeMillis());
    ays = SharedAysCluster.acquire();
    cli = new AysCli(projectDir, workDir.resolve("cli"), ays);
    port = AysCluster.freePort();
    // The port is the answer's default: the request carries no answer, so its dead letter keeps it
    // whole (a dead letter masks answers, and a request with masked answers is not replayed).
    SharedAysCluster.publish(
        SharedAysCluster.E2E,
        Map.of(
            "replayed/service.hrd",
            """
            process.1 =
                cmd:'python3',
                args:'-m http.server $(instance.param.port) --bind 127.0.0.1 --directory .',
                ports:'$(instance.param.port)',
                timeout_start:'20',
                timeout_stop:'5',
            """,
            "replayed/instance.hrd",
            "param.port = @ASK type:int default:" + port + " descr:'port to listen on'\n"));
  }

  @AfterAll
  void releaseAys() throws Exception {
    if (ays != null && ays.coordinator.isReady() && limitWasLowered) {
      ays.restartCoordinatorWith(unset(LIMIT));
    }
    SharedAysCluster.release();
  }

  private boolean limitWasLowered;

  @Test
  void aRequestDeadLetteredForItsSizeIsReplayedOnceTheLimitIsRaisedAndInstalls() throws Exception {
    limitWasLowered = true;
    ays.restartCoordinatorWith(Map.of(LIMIT, "20000"));
    // 30,000 characters of reason: over the lowered limit, well under the default 1 MiB.
    AysCli.Run install =
        cli.run("install", KEY, "--no-wait", "--reason", "replay me " + "x".repeat(30_000));
    assertThat(install.code()).as(install.toString()).isZero();

    JsonNode letter = awaitDeadLetterOf(KEY);
    String id = letter.path("id").asText();
    assertThat(letter.path("originalTopic").asText()).isEqualTo("ays.requests");
    assertThat(letter.path("consumer").asText()).isEqualTo("coordinator.requests");
    assertThat(letter.path("reason").asText()).contains("over the limit of 20000 bytes");
    assertThat(letter.path("replayable").asBoolean()).isTrue();
    // Never replayed: no replayedAt (the JSON leaves absent values out).
    assertThat(letter.hasNonNull("replayedAt")).isFalse();

    AysCli.Run show = cli.run("dead-letters", "show", id.substring(0, 8));
    assertThat(show.code()).as(show.toString()).isZero();
    assertThat(show.out())
        .contains("original      ays.requests[")
        .contains("key " + KEY)
        .contains("content-type: application/cloudevents+json")
        .contains("\"type\":\"ays.request.install.v1\"")
        .contains("replayable    yes");
    assertThat(ays.coordinator.get("/instances/" + KEY).statusCode()).isEqualTo(404);

    // The cause fixed: the limit back to its default.
    ays.restartCoordinatorWith(unset(LIMIT));
    limitWasLowered = false;

    AysCli.Run replay = cli.run("dead-letters", "replay", id, "--yes");
    assertThat(replay.code()).as(replay.toString()).isZero();
    assertThat(replay.out()).contains("replayed " + id + " to ays.requests (key " + KEY + ")");
    awaitState(KEY, "RUNNING");

    AysCli.Run again = cli.run("dead-letters", "replay", id, "--yes");
    assertThat(again.code()).as(again.toString()).isEqualTo(1);
    assertThat(again.err()).contains("not replaying " + id + ": it was replayed at");
    assertThat(awaitDeadLetterOf(KEY).hasNonNull("replayedAt")).isTrue();
  }

  private JsonNode awaitDeadLetterOf(String key) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    AysCli.Run list = null;
    while (System.nanoTime() < deadline) {
      list = cli.run("dead-letters", "list", "--topic", "ays.requests", "--json");
      assertThat(list.code()).as(list.toString()).isZero();
      for (JsonNode letter : JSON.readTree(list.out())) {
        if (key.equals(letter.path("originalKey").asText())) {
          return letter;
        }
      }
      Thread.sleep(500);
    }
    throw new AssertionError("no dead letter of " + key + ": " + list);
  }

  private void awaitState(String key, String state) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      HttpResponse<String> answer = ays.coordinator.get("/instances/" + key);
      last = answer.body();
      if (answer.statusCode() == 200 && state.equals(JSON.readTree(last).path("state").asText())) {
        return;
      }
      Thread.sleep(500);
    }
    throw new AssertionError(key + " never reached " + state + ": " + last);
  }

  private static Map<String, String> unset(String name) {
    Map<String, String> changes = new HashMap<>();
    changes.put(name, null);
    return changes;
  }
}
