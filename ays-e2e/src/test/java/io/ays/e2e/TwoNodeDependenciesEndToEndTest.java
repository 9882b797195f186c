package io.ays.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * AYS 7 semantics with two real executors: {@code local} (the management location) and {@code
 * node-2} (where the services live). A three-level chain (app -> cache -> db) passes its own
 * answers down through {@code dep.args} and a dependency's instance name, and each level runs the
 * seed's plan: its management actions on {@code local} ({@code actions_mgmt.py} for app, {@code
 * hooks/mgmt/} for cache and db), then its node actions on {@code node-2}. The templates are the
 * ones docs/templates.md shows.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ResourceLock(SharedAysCluster.LOCK)
class TwoNodeDependenciesEndToEndTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String NODE = "node-2";
  private static final String APP = "e2e/fid-app/main";
  private static final String CACHE = "e2e/fid-cache/blue";
  private static final String DB = "e2e/fid-db/main";

  private AysCluster ays;
  private ServiceProcess secondExecutor;
  private Path journal;
  private int cachePort;
  private int dbPort;

  @BeforeAll
  void startAysWithTwoExecutors() throws Exception {
    Path projectDir = Path.of(System.getProperty("ays.project.dir"));
    Path workDir = projectDir.resolve("ays-e2e/target/two-nodes-" + System.currentTimeMillis());
    Files.createDirectories(workDir);
    journal = workDir.resolve("journal.txt");
    Map<String, String> templates = new LinkedHashMap<>(chainTemplates(journal));
    templates.putAll(misspeltTemplate());
    ays = SharedAysCluster.acquire();
    SharedAysCluster.publish(SharedAysCluster.E2E, templates);
    // The second node exists for this class only: it is stopped when the class is done.
    secondExecutor = ays.startExecutor(projectDir, NODE);
    cachePort = AysCluster.freePort();
    dbPort = AysCluster.freePort();
  }

  @AfterAll
  void stopAys() {
    SharedAysCluster.release();
    dbServers().forEach(ProcessHandle::destroyForcibly);
    if (secondExecutor != null) {
      ays.stopExecutor(secondExecutor);
    }
  }

  @Test
  void aThreeLevelChainPassesItsAnswersDownAndRunsManagementThenNodeActions() throws Exception {
    String body =
        "{\"domain\":\"e2e\",\"name\":\"fid-app\",\"node\":\""
            + NODE
            + "\",\"answers\":{\"param.cacheport\":"
            + cachePort
            + ",\"param.dbport\":"
            + dbPort
            + "}}";
    JsonNode plan = JSON.readTree(awaitDryRun(body));
    List<String> planned = new ArrayList<>();
    plan.path("runs").forEach(run -> planned.add(run.path("instanceKey").asText()));
    assertThat(planned)
        .as("a dependency's instance name comes from the dependent's answer (param.tier)")
        .containsExactly(DB, CACHE, APP);
    assertThat(ays.coordinator.post("/requests/install", body).statusCode()).isEqualTo(202);

    JsonNode app = awaitRun(APP, "SUCCEEDED", Duration.ofSeconds(180));
    for (String key : List.of(DB, CACHE, APP)) {
      awaitState(key, "RUNNING", Duration.ofSeconds(30));
    }

    JsonNode cache = JSON.readTree(ays.coordinator.get("/instances/" + CACHE).body());
    assertThat(cache.path("node").asText()).isEqualTo(NODE);
    assertThat(cache.path("answers").path("param.port").asInt())
        .as("cache's port is app's param.cacheport")
        .isEqualTo(cachePort);
    assertThat(cache.path("answers").path("param.dbport").asInt()).isEqualTo(dbPort);
    JsonNode db = JSON.readTree(ays.coordinator.get("/instances/" + DB).body());
    assertThat(db.path("node").asText()).isEqualTo(NODE);
    assertThat(db.path("answers").path("param.port").asInt())
        .as("db's port is app's param.dbport, passed down two levels")
        .isEqualTo(dbPort);
    assertThat(db.path("answers").path("param.owner").asText()).isEqualTo("fid-cache-blue");
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", dbPort), 2000);
    }

    assertThat(steps(app))
        .as("the seed's plan: management location first, then the service's node")
        .containsExactlyElementsOf(seedPlan());
    List<String> statuses = new ArrayList<>();
    app.path("steps").forEach(step -> statuses.add(step.path("status").asText()));
    assertThat(statuses).allMatch(s -> s.equals("SUCCEEDED") || s.equals("SKIPPED"));

    List<String> lines = Files.readAllLines(journal);
    assertThat(lines)
        .as("every level: management actions on local, then node actions on node-2")
        .containsExactly(
            DB + " init local mgmt-hook",
            DB + " configure local mgmt-hook",
            DB + " configure " + NODE + " node-hook port=" + dbPort + " owner=fid-cache-blue",
            CACHE + " init local mgmt-hook",
            CACHE + " configure local mgmt-hook",
            CACHE + " configure " + NODE + " node-hook port=" + cachePort + " dbport=" + dbPort,
            APP + " init local mgmt-python",
            APP + " prepare local mgmt-python",
            APP + " configure local mgmt-python",
            APP + " configure " + NODE + " node-hook tier=blue");

    assertThat(
            ays.coordinator
                .post("/requests/uninstall", "{\"domain\":\"e2e\",\"name\":\"fid-app\"}")
                .statusCode())
        .isEqualTo(202);
    for (String key : List.of(APP, CACHE, DB)) {
      awaitStatus(key, 404, Duration.ofSeconds(120));
    }
    assertThat(dbServers()).as("uninstall stopped db's server on node-2").isEmpty();
  }

  @Test
  void aDependencyArgReferringToAnUnaskedKeyIsRefusedNamingTheKey() throws Exception {
    String body = "{\"domain\":\"e2e\",\"name\":\"fid-misspelt\",\"node\":\"" + NODE + "\"}";
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    var response = ays.coordinator.post("/requests/install?dryRun=true", body);
    while (response.statusCode() != 422 && System.nanoTime() < deadline) {
      Thread.sleep(250); // the template reaches the coordinator after the registry's first sync
      response = ays.coordinator.post("/requests/install?dryRun=true", body);
    }
    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(response.body())
        .contains("dep.args.db")
        .contains("$(instance.param.dbprot) is not a key of this instance");
  }

  /** Each step as "ROLE node phase". */
  private static List<String> steps(JsonNode run) {
    List<String> out = new ArrayList<>();
    for (JsonNode step : run.path("steps")) {
      out.add(
          step.path("role").asText()
              + " "
              + step.path("node").asText()
              + " "
              + step.path("phase").asText());
    }
    return out;
  }

  /** The install plan of docs/actions.md for a template with management actions. */
  private static List<String> seedPlan() {
    List<String> plan = new ArrayList<>();
    List<String> tail =
        List.of(
            "configure",
            "check_up",
            "stop",
            "check_down",
            "halt",
            "check_down",
            "start",
            "check_up",
            "monitor");
    for (String phase : concat(List.of("init", "prepare"), tail)) {
      plan.add("MANAGEMENT local " + phase);
    }
    for (String phase : concat(List.of("init", "prepare", "fetch"), tail)) {
      plan.add("NODE " + NODE + " " + phase);
    }
    return plan;
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  /**
   * fid-app -> fid-cache (instance from app's param.tier; ports from app's answers) -> fid-db (port
   * from cache's answers, owner from cache's own service keys); db runs a real HTTP server on the
   * port passed down. Hooks and actions_mgmt.py journal where and with what they ran.
   */
  static Map<String, String> chainTemplates(Path journal) {
    Map<String, String> files = new LinkedHashMap<>();
    files.put(
        "fid-app/service.hrd",
        """
        dependencies.1 =
            name:'fid-cache',
            instance:'$(instance.param.tier)',
            args:'dep.args.cache',

        dep.args.cache =
            param.port:'$(instance.param.cacheport)',
            param.dbport:'$(instance.param.dbport)',
        """);
    files.put(
        "fid-app/instance.hrd",
        """
        param.tier = @ASK type:str default:'blue' descr:'the cache instance to use'
        param.cacheport = @ASK type:int default:6380 descr:'port of the cache'
        param.dbport = @ASK type:int default:5433 descr:'port of the database'
        """);
    files.put(
        "fid-app/actions_mgmt.py",
        "import os\n"
            + "from ays import ActionsBase\n\n"
            + "class ActionsMgmt(ActionsBase):\n"
            + "    def journal(self):\n"
            + "        with open('"
            + journal
            + "', 'a') as out:\n"
            + "            out.write('%s %s %s mgmt-python\\n' % (os.environ['AYS_INSTANCE_KEY'],"
            + " os.environ['AYS_PHASE'], os.environ['AYS_NODE']))\n\n"
            + "    def init(self, serviceObj):\n"
            + "        self.journal()\n\n"
            + "    def prepare(self, serviceObj):\n"
            + "        self.journal()\n\n"
            + "    def configure(self, serviceObj):\n"
            + "        self.journal()\n");
    files.put(
        "fid-app/hooks/configure",
        journalHook(journal, "node-hook tier=$AYS_CFG_INSTANCE_PARAM_TIER"));

    files.put(
        "fid-cache/service.hrd",
        """
        dependencies.1 =
            name:'fid-db',
            args:'dep.args.db',

        dep.args.db =
            param.port:'$(instance.param.dbport)',
            param.owner:'$(service.name)-$(service.instance)',
        """);
    files.put(
        "fid-cache/instance.hrd",
        """
        param.port = @ASK type:int descr:'port to serve on'
        param.dbport = @ASK type:int descr:'port of the database'
        """);
    files.put("fid-cache/hooks/mgmt/init", journalHook(journal, "mgmt-hook"));
    files.put("fid-cache/hooks/mgmt/configure", journalHook(journal, "mgmt-hook"));
    files.put(
        "fid-cache/hooks/configure",
        journalHook(
            journal,
            "node-hook port=$AYS_CFG_INSTANCE_PARAM_PORT dbport=$AYS_CFG_INSTANCE_PARAM_DBPORT"));

    files.put(
        "fid-db/service.hrd",
        """
        process.1 =
            cmd:'python3',
            args:'-m http.server $(instance.param.port) --bind 127.0.0.1',
            ports:'$(instance.param.port)',
            timeout_start:'20',
            timeout_stop:'5',
        """);
    files.put(
        "fid-db/instance.hrd",
        """
        param.port = @ASK type:int minValue:1024 maxValue:65535 descr:'port to listen on'
        param.owner = @ASK type:str descr:'who uses this database'
        """);
    files.put("fid-db/hooks/mgmt/init", journalHook(journal, "mgmt-hook"));
    files.put("fid-db/hooks/mgmt/configure", journalHook(journal, "mgmt-hook"));
    files.put(
        "fid-db/hooks/configure",
        journalHook(
            journal,
            "node-hook port=$AYS_CFG_INSTANCE_PARAM_PORT owner=$AYS_CFG_INSTANCE_PARAM_OWNER"));
    return files;
  }

  private static String journalHook(Path journal, String what) {
    return "#!/bin/sh\necho \"$AYS_INSTANCE_KEY $AYS_PHASE $AYS_NODE "
        + what
        + "\" >> '"
        + journal
        + "'\n";
  }

  /** A dependency's args referring to a question its dependent does not ask (a typo). */
  private static Map<String, String> misspeltTemplate() {
    return Map.of(
        "fid-misspelt/service.hrd",
        """
        dependencies.1 =
            name:'fid-db',
            args:'dep.args.db',

        dep.args.db =
            param.port:'$(instance.param.dbprot)',
            param.owner:'misspelt',
        """,
        "fid-misspelt/instance.hrd",
        "param.dbport = @ASK type:int default:5433\n");
  }

  /** db's HTTP servers of this test (their command line names the test's port). */
  private List<ProcessHandle> dbServers() {
    String tail = "http.server " + dbPort + " --bind 127.0.0.1";
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().map(c -> c.endsWith(tail)).orElse(false))
        .toList();
  }

  private String awaitDryRun(String body) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    var response = ays.coordinator.post("/requests/install?dryRun=true", body);
    while (response.statusCode() != 200 && System.nanoTime() < deadline) {
      Thread.sleep(250); // the templates reach the coordinator after the registry's first sync
      response = ays.coordinator.post("/requests/install?dryRun=true", body);
    }
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return response.body();
  }

  private JsonNode awaitRun(String key, String status, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      last = ays.coordinator.get("/instances/" + key + "/runs").body();
      JsonNode runs = JSON.readTree(last);
      if (runs.isArray() && !runs.isEmpty()) {
        String now = runs.get(0).path("status").asText();
        if (status.equals(now)) {
          return runs.get(0);
        }
        if (now.equals("FAILED")) {
          throw new AssertionError(key + " failed: " + last + "; logs in " + ays.workDir);
        }
      }
      Thread.sleep(250);
    }
    throw new AssertionError(key + " never reached " + status + "; last: " + last);
  }

  private void awaitState(String key, String state, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      last = ays.coordinator.get("/instances/" + key).body();
      if (last.contains("\"state\":\"" + state + "\"")) {
        return;
      }
      Thread.sleep(250);
    }
    throw new AssertionError(key + " never reached " + state + "; last: " + last);
  }

  private void awaitStatus(String key, int status, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (ays.coordinator.get("/instances/" + key).statusCode() == status) {
        return;
      }
      Thread.sleep(250);
    }
    throw new AssertionError(key + " never answered " + status);
  }
}
