package io.ays.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ays.testing.EventLog;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The seeded chaos test: the whole of AYS as real processes, two executors ({@code local} and
 * {@code chaos-b}), a broker in a process of its own and PostgreSQL, and installs of an app that
 * depends on a database, each running a real HTTP server and a {@code configure} hook that records
 * its command id and takes 1.5 s. While the installs are sent, a {@code java.util.Random(seed)}
 * schedule strikes every kind of fault once a round: kill -9 of the coordinator, of an executor in
 * the middle of a hook, of the monitor and of an installed service, a broker restart, and
 * PostgreSQL stopped for 2 to 8 s. Every killed part is started again after a random 0-2 s. Then,
 * once everything has settled, every request completed or was rejected with a reason, every run is
 * terminal, no hook ran twice for one command id, every service that should run answers on its
 * port, and the monitor's view is what the nodes report.
 *
 * <p>{@code -Dchaos.seed=N} replays a schedule (the kinds, their order, the gaps and lengths; the
 * moments the installs meet them depend on the machine); {@code -Dchaos.installs}, {@code
 * -Dchaos.rounds} and {@code -Dchaos.install-gap-ms} make it longer (bench/chaos-soak.sh). The seed
 * is printed at the start and, on failure, with the timeline of faults and the relevant events.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
// Its broker, database and services are its own (free ports, its own folders), and it kills only
// those: it runs beside the other end-to-end classes (junit-platform.properties).
class ChaosEndToEndTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DOMAIN = "chaos";
  private static final String NODE_B = "chaos-b";
  private static final List<String> NODES = List.of("local", NODE_B);
  private static final Set<String> TERMINAL = Set.of("SUCCEEDED", "FAILED", "UP_TO_DATE");
  private static final Duration SETTLE = Duration.ofMinutes(5);

  /** The kinds of fault, each struck once a round in an order the seed decides. */
  enum Fault {
    KILL_COORDINATOR,
    KILL_EXECUTOR_MID_PHASE,
    KILL_MONITOR,
    RESTART_BROKER,
    RESTART_POSTGRES,
    KILL_INSTALLED_SERVICE
  }

  /** One request the test sent: its CloudEvents id, action and instance. */
  record Sent(String id, String action, String key) {}

  private final long seed = Long.getLong("chaos.seed", new Random().nextLong());
  private final int installs = Integer.getInteger("chaos.installs", 4);
  private final int rounds = Integer.getInteger("chaos.rounds", 1);
  private final long installGapMillis = Long.getLong("chaos.install-gap-ms", 1500);

  private final List<String> timeline = new CopyOnWriteArrayList<>();
  private final List<Sent> sent = new CopyOnWriteArrayList<>();
  private final Map<String, Integer> ports = new ConcurrentHashMap<>();
  private final Map<String, ServiceProcess> executors = new LinkedHashMap<>();
  private final Map<Fault, Integer> struck = new LinkedHashMap<>();

  private AysCluster ays;
  private HookJournal hooks;
  private EventLog events;
  private KafkaProducer<String, String> producer;

  @BeforeAll
  void startAysWithTwoExecutorsAndARestartableBroker() throws Exception {
    System.out.println("chaos seed " + seed + " (replay: -Dchaos.seed=" + seed + ")");
    Path projectDir = Path.of(System.getProperty("ays.project.dir"));
    Path workDir = projectDir.resolve("ays-e2e/target/chaos-" + System.currentTimeMillis());
    hooks = new HookJournal(workDir.resolve("hooks"));
    Path templates =
        TemplateRepository.create(workDir.resolve("templates").resolve(DOMAIN), templates());
    ays = new AysCluster(projectDir, workDir, DOMAIN + "=" + templates.toUri() + "#main", true);
    executors.put("local", ays.executor);
    executors.put(NODE_B, ays.startExecutor(projectDir, NODE_B));
    events =
        new EventLog(
            ays.bootstrapServers(), List.of("ays.service-events", "ays.dead-letter", "ays.health"));
    producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                ays.bootstrapServers(),
                // A request is sent again until the broker has it, through a broker restart.
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                "180000",
                ProducerConfig.MAX_BLOCK_MS_CONFIG,
                "180000"),
            new StringSerializer(),
            new StringSerializer());
    awaitTemplatesKnownToCoordinator();
  }

  @AfterAll
  void stopAys() throws Exception {
    if (producer != null) {
      producer.close();
    }
    if (events != null) {
      events.close();
    }
    if (ays != null) {
      ays.close();
    }
    // The services' HTTP servers outlive their executors; these are this test's only.
    for (int port : ports.values()) {
      serverOn(port).ifPresent(ProcessHandle::destroyForcibly);
    }
  }

  @Test
  void everyRequestCompletesThroughKillsAndRestartsOfEveryPart() throws Exception {
    Random schedule = new Random(seed);
    ExecutorService sender = Executors.newSingleThreadExecutor();
    try {
      Future<?> installsSent = sender.submit(() -> sendInstalls(new Random(seed + 1)));
      for (int round = 0; round < rounds; round++) {
        List<Fault> order = new ArrayList<>(List.of(Fault.values()));
        Collections.shuffle(order, schedule);
        for (Fault fault : order) {
          Thread.sleep(schedule.nextInt(3000));
          strike(fault, schedule);
          struck.merge(fault, 1, Integer::sum);
        }
      }
      installsSent.get(10, TimeUnit.MINUTES);
      note("all " + installs + " installs sent; waiting for everything to settle");

      awaitEveryRequestAnswered();
      awaitNoRunInFlight();
      assertThat(hooks.ranTwice(NODES)).as("hooks that ran twice for one command id").isEmpty();
      List<String> running = instancesThatShouldRun();
      for (String key : running) {
        awaitPort(key, ports.get(key));
      }
      awaitMonitorAgreesWithTheNodes(running);
      System.out.printf(
          "chaos seed %d: %d requests (%d installs) answered, %d instances running, %d hooks run"
              + " once each, through %s%n",
          seed, sent.size(), installs, running.size(), hooks.begun(NODES), struck);
    } catch (Exception | AssertionError e) {
      throw new AssertionError(
          "chaos with seed "
              + seed
              + " failed (replay: -Dchaos.seed="
              + seed
              + "); logs in "
              + ays.workDir
              + "\ntimeline:\n"
              + String.join("\n", timeline)
              + "\nevents:\n"
              + relevantEvents(),
          e);
    } finally {
      sender.shutdownNow();
    }
  }

  // ---- the fault schedule

  private void strike(Fault fault, Random schedule) throws Exception {
    switch (fault) {
      case KILL_COORDINATOR -> killAndStartAgain(ays.coordinator, schedule);
      case KILL_MONITOR -> killAndStartAgain(ays.monitor, schedule);
      case KILL_EXECUTOR_MID_PHASE -> killAnExecutorMidPhase(schedule);
      case RESTART_BROKER -> {
        note("broker restart");
        ays.restartableBroker.restart();
        note("broker back");
      }
      case RESTART_POSTGRES -> {
        int seconds = 2 + schedule.nextInt(7);
        note("PostgreSQL stopped for " + seconds + " s");
        ays.database.stop();
        try {
          // The outage's length is the fault itself, not a wait for an effect.
          Thread.sleep(seconds * 1000L);
        } finally {
          ays.database.restart();
        }
        note("PostgreSQL back");
      }
      case KILL_INSTALLED_SERVICE -> killAnInstalledService(schedule);
    }
  }

  private ServiceProcess killAndStartAgain(ServiceProcess service, Random schedule)
      throws Exception {
    int downMillis = schedule.nextInt(2000);
    note("kill -9 " + service.name() + " (down for " + downMillis + " ms)");
    service.kill();
    Thread.sleep(downMillis);
    ServiceProcess again = ays.startAgain(service);
    note(service.name() + " ready again");
    return again;
  }

  /**
   * Kills the executor of a node while one of its hooks runs. If none runs, a configure request for
   * an installed instance makes one (it is tracked like every request).
   */
  private void killAnExecutorMidPhase(Random schedule) throws Exception {
    String node = NODES.get(schedule.nextInt(NODES.size()));
    Optional<String> command = awaitHookInFlight(node, Duration.ofSeconds(8));
    if (command.isEmpty()) {
      Optional<String> instance = installedOn(node);
      if (instance.isPresent()) {
        note("configure " + instance.get() + " to have a phase to interrupt on " + node);
        send("configure", instance.get(), requestData(instance.get(), null, Map.of()));
      }
      command = awaitHookInFlight(node, Duration.ofSeconds(60));
    }
    note(
        "executor "
            + node
            + (command.isPresent()
                ? " in the middle of command " + command.get()
                : " (no hook ran on it: killed between phases)"));
    ServiceProcess executor = executors.get(node);
    executors.put(node, killAndStartAgain(executor, schedule));
  }

  private Optional<String> awaitHookInFlight(String node, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      Optional<String> command = hooks.inFlight(node);
      if (command.isPresent()) {
        return command;
      }
      Thread.sleep(100);
    }
    return Optional.empty();
  }

  /** Kills the HTTP server of an installed instance; AYS must start it again by itself. */
  private void killAnInstalledService(Random schedule) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (System.nanoTime() < deadline) {
      List<String> serving =
          ports.keySet().stream().filter(k -> serverOn(ports.get(k)).isPresent()).toList();
      if (!serving.isEmpty()) {
        String key = serving.get(schedule.nextInt(serving.size()));
        ProcessHandle server = serverOn(ports.get(key)).orElseThrow();
        note("kill -9 the server of " + key + " (pid " + server.pid() + ")");
        server.destroyForcibly();
        return;
      }
      Thread.sleep(250);
    }
    throw new AssertionError("no installed service ever served on its port");
  }

  // ---- the load

  private Void sendInstalls(Random load) throws Exception {
    for (int i = 1; i <= installs; i++) {
      String app = DOMAIN + "/chaos-app/a" + i;
      String db = DOMAIN + "/chaos-db/d" + i;
      int appPort = AysCluster.freePort();
      int dbPort = AysCluster.freePort();
      ports.put(app, appPort);
      ports.put(db, dbPort);
      String node = NODES.get(load.nextInt(NODES.size()));
      send(
          "install",
          app,
          requestData(
              app,
              node,
              Map.of("param.port", appPort, "param.db", "d" + i, "param.dbport", dbPort)));
      Thread.sleep(load.nextLong(2 * installGapMillis + 1));
    }
    return null;
  }

  private static String requestData(String key, String node, Map<String, Object> answers) {
    String[] parts = key.split("/");
    var data =
        JSON.createObjectNode()
            .put("domain", parts[0])
            .put("name", parts[1])
            .put("instance", parts[2]);
    if (node != null) {
      data.put("node", node);
    }
    data.set("answers", JSON.valueToTree(answers));
    return data.toString();
  }

  /** Publishes a request on ays.requests, as kcat would; returns once the broker has it. */
  private void send(String action, String key, String data) throws Exception {
    String id = UUID.randomUUID().toString();
    String event =
        JSON.createObjectNode()
            .put("specversion", "1.0")
            .put("id", id)
            .put("source", "/e2e/chaos")
            .put("type", "ays.request." + action + ".v1")
            .put("subject", key)
            .put("time", Instant.now().toString())
            .put("datacontenttype", "application/json")
            .set("data", JSON.readTree(data))
            .toString();
    producer.send(new ProducerRecord<>("ays.requests", key, event)).get(4, TimeUnit.MINUTES);
    sent.add(new Sent(id, action, key));
    note(action + " " + key + " sent (request " + id + ")");
  }

  // ---- settling and checking

  /** Waits until every request sent has a terminal run, or was rejected with a reason. */
  private void awaitEveryRequestAnswered() throws Exception {
    long deadline = System.nanoTime() + SETTLE.toNanos();
    List<Sent> open = new ArrayList<>(sent);
    while (!open.isEmpty() && System.nanoTime() < deadline) {
      List<Sent> still = new ArrayList<>();
      for (Sent request : open) {
        if (rejection(request).isEmpty() && !hasTerminalRun(request)) {
          still.add(request);
        }
      }
      open = still;
      if (!open.isEmpty()) {
        Thread.sleep(500);
      }
    }
    assertThat(open).as("requests neither completed nor rejected (silently lost)").isEmpty();
    for (Sent request : sent) {
      Optional<ConsumerRecord<String, String>> rejected = rejection(request);
      if (rejected.isPresent()) {
        assertThat(JSON.readTree(rejected.get().value()).path("data").path("reason").asText())
            .as("the reason %s was rejected", request)
            .isNotBlank();
      }
    }
  }

  private boolean hasTerminalRun(Sent request) throws Exception {
    var response = ays.coordinator.get("/instances/" + request.key() + "/runs");
    if (response.statusCode() != 200) {
      return false;
    }
    for (JsonNode run : JSON.readTree(response.body())) {
      if (request.id().equals(run.path("requestId").asText())
          && TERMINAL.contains(run.path("status").asText())) {
        return true;
      }
    }
    return false;
  }

  private Optional<ConsumerRecord<String, String>> rejection(Sent request) {
    return events.all().stream()
        .filter(r -> r.value() != null && r.value().contains("ays.request.rejected.v1"))
        .filter(r -> r.value().contains(request.id()))
        .findFirst();
  }

  /** Waits until no instance has a run in flight and every run of every instance is terminal. */
  private void awaitNoRunInFlight() throws Exception {
    long deadline = System.nanoTime() + SETTLE.toNanos();
    List<String> busy = List.of("(not asked yet)");
    while (!busy.isEmpty() && System.nanoTime() < deadline) {
      busy = new ArrayList<>();
      var response = ays.coordinator.get("/instances");
      if (response.statusCode() != 200) {
        busy.add("GET /instances answered " + response.statusCode());
      } else {
        for (JsonNode instance : JSON.readTree(response.body())) {
          String key = instance.path("instanceKey").asText();
          for (JsonNode run :
              JSON.readTree(ays.coordinator.get("/instances/" + key + "/runs").body())) {
            if (!TERMINAL.contains(run.path("status").asText())) {
              busy.add(key + " run " + run.path("id").asText() + " " + run.path("status").asText());
            }
          }
        }
      }
      if (!busy.isEmpty()) {
        Thread.sleep(500);
      }
    }
    assertThat(busy).as("runs that never reached a terminal state").isEmpty();
  }

  /**
   * The instances whose newest install run succeeded: they must run. An install that failed must
   * say why, and is reported.
   */
  private List<String> instancesThatShouldRun() throws Exception {
    List<String> running = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    for (String key : ports.keySet()) {
      var response = ays.coordinator.get("/instances/" + key);
      if (response.statusCode() != 200) {
        failed.add(key + ": unknown to the coordinator (" + response.statusCode() + ")");
        continue;
      }
      JsonNode instance = JSON.readTree(response.body());
      if ("RUNNING".equals(instance.path("state").asText())) {
        running.add(key);
      } else {
        failed.add(key + " is " + instance.path("state").asText() + ": " + newestRun(key));
      }
    }
    assertThat(failed).as("installed instances that do not run").isEmpty();
    return running;
  }

  private String newestRun(String key) throws Exception {
    JsonNode runs = JSON.readTree(ays.coordinator.get("/instances/" + key + "/runs").body());
    return runs.isEmpty() ? "no run" : runs.get(0).toString();
  }

  private void awaitPort(String key, int port) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (System.nanoTime() < deadline) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
        return;
      } catch (java.io.IOException notYet) {
        Thread.sleep(250);
      }
    }
    throw new AssertionError(key + " does not answer on port " + port);
  }

  /**
   * Waits until, for every instance that runs, the monitor's REST view says UP on the node the
   * coordinator placed it on, and the newest health report of that node for it says UP too.
   */
  private void awaitMonitorAgreesWithTheNodes(List<String> running) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    List<String> disagreements = List.of("(not compared yet)");
    while (!disagreements.isEmpty() && System.nanoTime() < deadline) {
      disagreements = new ArrayList<>();
      var response = ays.monitor.get("/health");
      if (response.statusCode() != 200) {
        disagreements.add("the monitor answered " + response.statusCode());
      } else {
        Map<String, JsonNode> monitor = new LinkedHashMap<>();
        JSON.readTree(response.body()).forEach(h -> monitor.put(h.path("instanceKey").asText(), h));
        for (String key : running) {
          String node =
              JSON.readTree(ays.coordinator.get("/instances/" + key).body()).path("node").asText();
          JsonNode view = monitor.get(key);
          Optional<JsonNode> report = newestHealthReport(key);
          String seen =
              view == null
                  ? "none"
                  : view.path("status").asText() + " on " + view.path("node").asText();
          String reported =
              report
                  .map(r -> r.path("status").asText() + " on " + r.path("node").asText())
                  .orElse("none");
          if (!seen.equals("UP on " + node) || !reported.equals(seen)) {
            disagreements.add(
                key + ": placed on " + node + ", monitor " + seen + ", node reported " + reported);
          }
        }
      }
      if (!disagreements.isEmpty()) {
        Thread.sleep(500);
      }
    }
    assertThat(disagreements).as("the monitor's view against the nodes' reports").isEmpty();
  }

  private Optional<JsonNode> newestHealthReport(String key) throws Exception {
    List<ConsumerRecord<String, String>> all = events.all();
    for (int i = all.size() - 1; i >= 0; i--) {
      ConsumerRecord<String, String> r = all.get(i);
      if (r.topic().equals("ays.health") && key.equals(r.key()) && r.value() != null) {
        JsonNode data = JSON.readTree(r.value()).path("data");
        if (data.has("status")) {
          return Optional.of(data);
        }
      }
    }
    return Optional.empty();
  }

  // ---- helpers

  /** Syncs the registry with the test's repository and waits until the coordinator has both. */
  private void awaitTemplatesKnownToCoordinator() throws Exception {
    var sync = ays.registry.post("/sync?domain=" + DOMAIN, "");
    assertThat(sync.statusCode()).as("sync: %s", sync.body()).isEqualTo(200);
    for (String name : List.of("chaos-db", "chaos-app")) {
      String request = requestData(DOMAIN + "/" + name + "/probe", "local", Map.of());
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      String last = "";
      while (System.nanoTime() < deadline) {
        last = ays.coordinator.post("/requests/install?dryRun=true", request).body();
        if (!last.contains("unknown template")) {
          break;
        }
        Thread.sleep(250);
      }
      assertThat(last).as("the coordinator knows %s", name).doesNotContain("unknown template");
    }
  }

  private Optional<String> installedOn(String node) throws Exception {
    for (String key : ports.keySet()) {
      var response = ays.coordinator.get("/instances/" + key);
      if (response.statusCode() == 200) {
        JsonNode instance = JSON.readTree(response.body());
        if (node.equals(instance.path("node").asText())
            && "RUNNING".equals(instance.path("state").asText())
            && (instance.path("activeRunId").isNull()
                || instance.path("activeRunId").isMissingNode())) {
          return Optional.of(key);
        }
      }
    }
    return Optional.empty();
  }

  /** The HTTP server listening on {@code port}, found by its command line. */
  private static Optional<ProcessHandle> serverOn(int port) {
    String tail = "http.server " + port + " --bind 127.0.0.1";
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().map(c -> c.endsWith(tail)).orElse(false))
        .findFirst();
  }

  private void note(String what) {
    String line = Instant.now() + " " + what;
    timeline.add(line);
    System.out.println("chaos " + line);
  }

  /** Rejections, dead letters and failed runs of this test's instances, for a failure message. */
  private String relevantEvents() {
    try {
      List<String> lines =
          events.all().stream()
              .filter(r -> r.value() != null)
              .filter(
                  r ->
                      r.topic().equals("ays.dead-letter")
                          || r.value().contains("ays.request.rejected.v1")
                          || r.value().contains("\"outcome\":\"FAILED\""))
              .map(r -> r.topic() + " " + r.key() + " " + r.value())
              .collect(Collectors.toCollection(ArrayList::new));
      for (String key : ports.keySet()) {
        lines.add("newest run of " + key + ": " + newestRun(key));
      }
      return String.join("\n", lines);
    } catch (Exception e) {
      return "(could not read them: " + e + ")";
    }
  }

  // ---- the templates

  /**
   * chaos-app depends on chaos-db (its instance and port are the app's answers); both run a real
   * HTTP server and a configure hook of 1.5 s that records its command id.
   */
  private Map<String, String> templates() {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("README.md", "templates of the chaos test\n");
    files.put(
        "chaos-app/service.hrd",
        """
        dependencies.1 =
            name:'chaos-db',
            instance:'$(instance.param.db)',
            args:'dep.args.db',

        dep.args.db =
            param.port:'$(instance.param.dbport)',

        process.1 =
            cmd:'python3',
            args:'-m http.server $(instance.param.port) --bind 127.0.0.1',
            ports:'$(instance.param.port)',
            timeout_start:'20',
            timeout_stop:'5',
        """);
    files.put(
        "chaos-app/instance.hrd",
        """
        param.port = @ASK type:int minValue:1024 maxValue:65535 descr:'port to listen on'
        param.db = @ASK type:str descr:'the database instance'
        param.dbport = @ASK type:int descr:'port of the database'
        """);
    files.put("chaos-app/hooks/configure", hooks.hook("1.5"));
    files.put(
        "chaos-db/service.hrd",
        """
        process.1 =
            cmd:'python3',
            args:'-m http.server $(instance.param.port) --bind 127.0.0.1',
            ports:'$(instance.param.port)',
            timeout_start:'20',
            timeout_stop:'5',
        """);
    files.put(
        "chaos-db/instance.hrd",
        "param.port = @ASK type:int minValue:1024 maxValue:65535 descr:'port to listen on'\n");
    files.put("chaos-db/hooks/configure", hooks.hook("1.5"));
    return files;
  }
}
