package io.ays.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ays.testing.Prerequisites;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The AYS 7 corpus (the 130 templates of jumpscale7/ays_jumpscale7, HRD files only) synced by the
 * real registry from a git repository and planned by the real coordinator: a dry-run install of
 * every template with its defaults either plans or is refused for a reason this test lists, so a
 * change that stops a real template from planning, or changes why, shows here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ResourceLock(SharedAysCluster.LOCK)
class CorpusPlansEndToEndTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DOMAIN = SharedAysCluster.CORPUS;

  /**
   * The templates that do not plan with their defaults alone, and every problem the coordinator
   * names. Every refusal is an answer the template asks without a default (a password, a host: the
   * original prompted for it) or a dependency on a template outside the corpus; each names the
   * instance and key.
   */
  private static final Map<String, String> EXPECTED_REFUSALS =
      Map.ofEntries(
          Map.entry("1clickshare", "422 map: required: no answer given and no default"),
          Map.entry(
              "autossh",
              "422 local.address: required: no answer given and no default (Local address to forward) | local.port: required: no answer given and no default (Local port to forward) | remote.address: required: no answer given and no default (Remote address) | remote.port: required: no answer given and no default (Remote listening port)"),
          Map.entry(
              "avahi",
              "422 name: required: no answer given and no default (name of the service) | port: required: no answer given and no default (port of the service)"),
          Map.entry(
              "dcpm",
              "422 param.dcpm.db.main.type: required: no answer given and no default (The type of the main database) | param.dcpm.db.monitor.type: required: no answer given and no default (The type of the monitoring database)"),
          Map.entry(
              "dcpm_branding",
              "422 jumpscale/dcpm/main: param.dcpm.db.main.type: required: no answer given and no default (The type of the main database) | jumpscale/dcpm/main: param.dcpm.db.monitor.type: required: no answer given and no default (The type of the monitoring database)"),
          Map.entry(
              "docker_client",
              "422 image.base: required: no answer given and no default (docker base image) | public.address: required: no answer given and no default (docker public ip address) | remote.host: required: no answer given and no default (remote docker host) | remote.port: required: no answer given and no default (remote docker port)"),
          Map.entry(
              "docker_container",
              "422 param.name: required: no answer given and no default (name of the container) | param.volumes: required: no answer given and no default (/var/insidemachine:/var/inhost # /var/1:/var/1 # ...\"   )"),
          Map.entry(
              "git_client",
              "422 git.client.host: required: no answer given and no default (git CLIENT host: host of the git provider ex: github.com, git.ayo.com) | git.client.login: required: no answer given and no default (git CLIENT: username) | git.client.passwd: required: no answer given and no default (git CLIENT: password)"),
          Map.entry(
              "github_client",
              "422 github.client.email: required: no answer given and no default (GITHUB CLIENT: email) | github.client.login: required: no answer given and no default (GITHUB CLIENT: username) | github.client.passwd: required: no answer given and no default (GITHUB CLIENT: password)"),
          Map.entry(
              "gitlab_client",
              "422 gitlab.client.login: required: no answer given and no default (GITLAB CLIENT: username) | gitlab.client.passwd: required: no answer given and no default (GITLAB CLIENT: password)"),
          Map.entry(
              "gogs", "422 name: required: no answer given and no default (GOGS: Instance name)"),
          Map.entry(
              "grafana",
              "422 param.password: required: no answer given and no default (GRAFANA: Admin password)"),
          Map.entry(
              "gridportal",
              "422 jumpscale/grafana/main: param.password: required: no answer given and no default (GRAFANA: Admin password)"),
          Map.entry(
              "jwt_client",
              "422 jwt.algo: required: no answer given and no default | jwt.secret: required: no answer given and no default"),
          Map.entry(
              "mailclient",
              "422 smtp.login: required: no answer given and no default (MAILCLIENT: SMTP Server username) | smtp.passwd: required: no answer given and no default (MAILCLIENT: SMTP Server password)"),
          Map.entry(
              "ms1_client",
              "422 param.location: required: no answer given and no default (MS1 CLIENT: location eu1=uk and eu2=be) | param.login: required: no answer given and no default (MS1 CLIENT: username) | param.passwd: required: no answer given and no default (MS1 CLIENT: password)"),
          Map.entry(
              "ms1_portforward",
              "422 param.space.port: required: no answer given and no default (port number on cloud space) | param.vm.name: required: no answer given and no default (name of the vm to forward to) | param.vm.port: required: no answer given and no default (port on the vm)"),
          Map.entry(
              "nfs_exports",
              "422 nfs.nbrshares: required: no answer given and no default (number of directory you want to expose)"),
          Map.entry(
              "node.docker",
              "422 param.name: required: no answer given and no default (name of the container) | param.volumes: required: no answer given and no default (/var/insidemachine:/var/inhost # /var/1:/var/1 # ...\"   )"),
          Map.entry(
              "node.kvm",
              "422 param.baseimage: required: no answer given and no default (NODE.KVM: base image type) | param.name: required: no answer given and no default (NODE.KVM: name)"),
          Map.entry(
              "node.ms1",
              "422 memsize: required: no answer given and no default (NODE.MS1: MEM size (GBs)) | name: required: no answer given and no default (NODE.MS1: vmachine name) | ssdsize: required: no answer given and no default (NODE.MS1: SSD size (GBs))"),
          Map.entry(
              "node.ssh",
              "422 ip: required: no answer given and no default (Machine  IP) | login: required: no answer given and no default (login) | password: required: no answer given and no default (password) | sshkey: required: no answer given and no default (instance name of the sshkey to use for connection to the node)"),
          Map.entry(
              "oauth_client",
              "422 oauth.client.logout_url: required: no answer given and no default (PORTAL: OAUTH: Logout URL - leave empty if non existing)"),
          Map.entry(
              "openvpn",
              "422 protocol: required: no answer given and no default (transport protocol) | server.address: required: no answer given and no default (address of the server)"),
          Map.entry(
              "openvpnconfig",
              "422 param.remote.ip: required: no answer given and no default (OPENVPNCONFIG: remote IP)"),
          Map.entry(
              "portal",
              "422 jumpscale/mailclient/main: smtp.login: required: no answer given and no default (MAILCLIENT: SMTP Server username) | jumpscale/mailclient/main: smtp.passwd: required: no answer given and no default (MAILCLIENT: SMTP Server password)"),
          Map.entry(
              "portal_client",
              "422 param.secret: required: no answer given and no default (PORTAL_CLIENT: secret)"),
          Map.entry(
              "pydio",
              "422 rootpasswd: required: no answer given and no default (PYDIO: root password)"),
          Map.entry(
              "pyftpserver",
              "422 ro.root: required: no answer given and no default (PYFTP SERVER:NORMAL (Read only) USER root directory ) | rw.root: required: no answer given and no default (PYFTP SERVER:ROOT directory for root user)"),
          Map.entry(
              "redis",
              "422 param.passwd: required: no answer given and no default (REDIS: password)"),
          Map.entry(
              "restlua",
              "422 param.spec: required: no answer given and no default (RESTLUA: the swagger spec that define the service)"),
          Map.entry(
              "samba4_ad_user",
              "422 user.passwd: required: no answer given and no default | user.username: required: no answer given and no default"),
          Map.entry(
              "sentry_client",
              "422 raven.dsn: required: no answer given and no default (sentry dsn (https://api:key@endpoint/group))"),
          Map.entry(
              "singlenode_aydo",
              "422 jumpscale/singlenode_aydo/main: dependencies.4: unknown template jumpscale/aydo_blobstor | jumpscale/singlenode_aydo/main: dependencies.5: unknown template jumpscale/aydo_mdserver | jumpscale/singlenode_aydo/main: dependencies.6: unknown template jumpscale/aydo_clientdaemon"),
          Map.entry(
              "singlenode_grid",
              "422 param.grid.id: required: no answer given and no default (grid id)"),
          Map.entry(
              "sshkey",
              "422 key.priv: required: no answer given and no default (SSHKEY: private ssh key, leave empty if you want to generate one.)"),
          Map.entry(
              "ubuntutools",
              "422 jumpscale/ubuntutools/main: dependencies.1: unknown template jumpscale/mail_client"),
          Map.entry(
              "www_gig",
              "422 jumpscale/mailclient/main: smtp.login: required: no answer given and no default (MAILCLIENT: SMTP Server username) | jumpscale/mailclient/main: smtp.passwd: required: no answer given and no default (MAILCLIENT: SMTP Server password)"));

  private AysCluster ays;
  private Map<String, String> corpusFiles;

  @BeforeAll
  void startAysWithTheCorpus() throws Exception {
    // Absent: every test is skipped with the reason (requireCorpus), failed in CI (Prerequisites).
    Path corpus = Prerequisites.corpusIfPresent();
    if (corpus == null) {
      return;
    }
    corpusFiles = new LinkedHashMap<>();
    try (Stream<Path> files = Files.walk(corpus)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        corpusFiles.put(corpus.relativize(file).toString(), Files.readString(file));
      }
    }
    ays = SharedAysCluster.acquire();
    // The test syncs the corpus itself: the sync's report is part of what it checks.
    SharedAysCluster.commit(DOMAIN, corpusFiles);
  }

  @BeforeEach
  void requireCorpus() {
    Prerequisites.corpus();
  }

  @AfterAll
  void stopAys() {
    if (ays != null) { // null when skipped for want of the corpus: nothing was acquired
      SharedAysCluster.release();
    }
  }

  @Test
  void everyCorpusTemplatePlansWithItsDefaultsOrIsRefusedForItsListedReason() throws Exception {
    List<String> names =
        corpusFiles.keySet().stream()
            .filter(p -> p.endsWith("/service.hrd"))
            .map(p -> Path.of(p).getParent().getFileName().toString())
            .sorted()
            .toList();
    assertThat(names).hasSize(130);
    JsonNode sync = JSON.readTree(ays.registry.post("/sync?domain=" + DOMAIN, "").body());
    JsonNode report = sync.path("repositories").get(0);
    assertThat(report.path("error").isNull()).as("the corpus repository synced: " + sync).isTrue();
    JsonNode listed = JSON.readTree(ays.registry.get("/templates?domain=" + DOMAIN).body());
    java.util.Set<String> published = new java.util.HashSet<>();
    listed.forEach(t -> published.add(t.path("name").asText()));

    Map<String, String> outcomes = new TreeMap<>();
    for (String name : names) {
      if (!published.contains(name)) {
        StringBuilder why = new StringBuilder("not published:");
        report
            .path("invalid")
            .forEach(
                p -> {
                  if (p.asText().contains("/" + name + "/")) {
                    why.append(' ').append(p.asText());
                  }
                });
        outcomes.put(name, why.toString());
        continue;
      }
      String body = "{\"domain\":\"" + DOMAIN + "\",\"name\":\"" + name + "\"}";
      var response = ays.coordinator.post("/requests/install?dryRun=true", body);
      // Published templates reach the coordinator over ays.templates shortly after the sync.
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (isUnknown(response.body(), name) && System.nanoTime() < deadline) {
        Thread.sleep(250);
        response = ays.coordinator.post("/requests/install?dryRun=true", body);
      }
      if (response.statusCode() == 200) {
        JsonNode plan = JSON.readTree(response.body());
        assertThat(plan.path("runs").size()).as(name + " plans at least itself").isPositive();
        continue;
      }
      outcomes.put(name, refusal(response.statusCode(), JSON.readTree(response.body())));
    }

    StringBuilder observed = new StringBuilder();
    outcomes.forEach((n, o) -> observed.append(n).append(" = ").append(o).append('\n'));
    Files.writeString(ays.workDir.resolve("corpus-refusals.txt"), observed.toString());

    Map<String, String> unexpected = new TreeMap<>();
    outcomes.forEach(
        (name, outcome) -> {
          String expected = EXPECTED_REFUSALS.get(name);
          if (!outcome.equals(expected)) {
            unexpected.put(name, outcome);
          }
        });
    assertThat(unexpected).as("refusals this test does not list (or for another reason)").isEmpty();
    assertThat(EXPECTED_REFUSALS.keySet())
        .as("listed refusals that now plan: take them off the list")
        .isSubsetOf(outcomes.keySet());
  }

  /** "422 field: message | field: message", every problem of a refused dry run. */
  private static String refusal(int status, JsonNode body) {
    List<String> problems = new java.util.ArrayList<>();
    body.path("problems")
        .forEach(p -> problems.add(p.path("field").asText() + ": " + p.path("message").asText()));
    return status
        + " "
        + (problems.isEmpty() ? body.path("detail").asText() : String.join(" | ", problems));
  }

  private static boolean isUnknown(String body, String name) {
    return body.contains("unknown template " + DOMAIN + "/" + name + "\"");
  }
}
