package io.ays.registry;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.ays.contracts.auth.Roles;
import io.ays.testing.KafkaBroker;
import io.ays.testing.KafkaTestResource;
import io.ays.testing.PostgresTestResource;
import io.ays.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.UUID;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Git hosting over HTTP with JGit's client against the running registry: a push with the credential
 * creates the repository and clones back; a push without it is refused with 401; names that could
 * leave the hosting folder are refused; a push to a hosted metadata repository syncs and publishes
 * its templates.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@TestProfile(HostingProfile.class)
class GitHostingTest {

  @BeforeAll
  static void callAsAdmin() {
    TestTokens.authenticateRestAssured();
  }

  // A publisher's bearer token as the password, as `git push http://ays:TOKEN@host/...` sends it;
  // it may push to the groups binary and meta.
  private static final String PUBLISHER = PublisherTokens.mayPushTo("binary/*", "meta/*");
  private static final UsernamePasswordCredentialsProvider PUSHER =
      new UsernamePasswordCredentialsProvider("ays", PUBLISHER);

  // What `git push <url> HEAD:master` sends; JGit's add("HEAD:master") would not expand "master".
  private static final RefSpec TO_MASTER = new RefSpec("HEAD:refs/heads/master");

  @TestHTTPResource("/")
  URL base;

  KafkaBroker broker;

  // A folder of our own: @TempDir fields are not filled in Quarkus tests.
  Path work;

  @BeforeEach
  void freshWorkFolder() throws Exception {
    Files.createDirectories(Path.of("target"));
    work = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "git-hosting-test-");
  }

  @Test
  void aPushWithTheCredentialCreatesTheRepositoryAndItClonesBack() throws Exception {
    String url = base + "git/binary/fancyPackage.git";
    RevCommit pushed;
    try (Git local = TestRepos.init(work.resolve("fancyPackage"))) {
      TestRepos.write(local, "bin/fancy", "#!/bin/sh\necho fancy\n");
      pushed = TestRepos.commit(local, "first build");
      assertPushed(
          local.push().setRemote(url).setRefSpecs(TO_MASTER).setCredentialsProvider(PUSHER).call());
    }
    assertThat(HostingProfile.HOSTED_DIR.resolve("binary/fancyPackage.git/HEAD")).isRegularFile();

    // Clone and fetch are open by default: no credential.
    try (Git clone =
        Git.cloneRepository().setURI(url).setDirectory(work.resolve("clone").toFile()).call()) {
      assertThat(clone.log().call().iterator().next()).isEqualTo(pushed);
      assertThat(work.resolve("clone/bin/fancy")).hasContent("#!/bin/sh\necho fancy");
    }

    given()
        .get("/git-repositories")
        .then()
        .statusCode(200)
        .body("name", hasItem("binary/fancyPackage.git"))
        .body("find { it.name == 'binary/fancyPackage.git' }.url", equalTo(url))
        .body("find { it.name == 'binary/fancyPackage.git' }.head", equalTo("master"))
        .body(
            "find { it.name == 'binary/fancyPackage.git' }.branches.master",
            equalTo(pushed.name()));
  }

  @Test
  void aPushWithoutOrWithAWrongCredentialIsRefusedAndCreatesNothing() throws Exception {
    String url = base + "git/binary/unauthorised.git";
    try (Git local = TestRepos.init(work.resolve("local"))) {
      TestRepos.write(local, "data.txt", "x\n");
      TestRepos.commit(local, "data");

      assertThatThrownBy(() -> local.push().setRemote(url).setRefSpecs(TO_MASTER).call())
          .isInstanceOf(TransportException.class)
          .hasMessageContaining("Authentication is required");
      assertThatThrownBy(
              () ->
                  local
                      .push()
                      .setRemote(url)
                      .setRefSpecs(TO_MASTER)
                      .setCredentialsProvider(
                          new UsernamePasswordCredentialsProvider(HostingProfile.USER, "wrong"))
                      .call())
          .isInstanceOf(TransportException.class)
          .hasMessageContaining("not authorized");
      for (String role : new String[] {Roles.VIEWER, Roles.OPERATOR}) {
        assertThatThrownBy(
                () ->
                    local
                        .push()
                        .setRemote(url)
                        .setRefSpecs(TO_MASTER)
                        .setCredentialsProvider(
                            new UsernamePasswordCredentialsProvider("ays", TestTokens.token(role)))
                        .call())
            .as("a push with a " + role + " token")
            .isInstanceOf(TransportException.class);
      }
    }
    HttpResponse<String> anonymous =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            base
                                + "git/binary/unauthorised.git/info/refs?service=git-receive-pack"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(challenge -> assertThat(challenge).contains("Basic"));
    given()
        .header("Authorization", TestTokens.bearer(Roles.VIEWER))
        .get("/git/binary/unauthorised.git/info/refs?service=git-receive-pack")
        .then()
        // refusals of info/refs travel in the git protocol (ERR ...), which git shows as they are
        .body(containsString("ERR pushing needs the role publisher or admin"));
    assertThat(HostingProfile.HOSTED_DIR.resolve("binary/unauthorised.git")).doesNotExist();
    given().get("/git-repositories").then().body("name", not(hasItem("binary/unauthorised.git")));
  }

  @Test
  void namesThatCouldLeaveTheHostingFolderAreRefusedWithTheRule() throws Exception {
    try (Git local = TestRepos.init(work.resolve("local"))) {
      TestRepos.write(local, "data.txt", "x\n");
      TestRepos.commit(local, "data");

      assertThatThrownBy(
              () ->
                  local
                      .push()
                      .setRemote(base + "git/a/b/c.git")
                      .setRefSpecs(TO_MASTER)
                      .setCredentialsProvider(PUSHER)
                      .call())
          .isInstanceOf(TransportException.class)
          .hasMessageContaining("repository name 'a/b/c.git' has 3 levels");
    }
    for (String escaping : new String[] {"a..b/x.git", "..%2F..%2Fescape.git", ".hidden.git"}) {
      given()
          .urlEncodingEnabled(false)
          .header("Authorization", TestTokens.bearer(Roles.PUBLISHER))
          .get("/git/" + escaping + "/info/refs?service=git-receive-pack")
          .then()
          .body(containsString("not allowed"));
    }
    assertThat(HostingProfile.HOSTED_DIR.getParent().resolve("escape.git")).doesNotExist();
    assertThat(HostingProfile.HOSTED_DIR.resolve("a")).doesNotExist();
    assertThat(HostingProfile.HOSTED_DIR.resolve("a..b")).doesNotExist();
  }

  @Test
  void aRepositoryCreatedThroughRestIsEmptyAndListedAndNeedsThePublisherRole() {
    given()
        .header("Authorization", TestTokens.bearer(Roles.OPERATOR))
        .contentType("application/json")
        .body("{\"name\":\"binary/viaRest\"}")
        .post("/git-repositories")
        .then()
        .statusCode(403);
    given()
        .header("Authorization", "Bearer " + PUBLISHER)
        .contentType("application/json")
        .body("{\"name\":\"binary/../viaRest\"}")
        .post("/git-repositories")
        .then()
        .statusCode(400)
        .body("detail", containsString("field 'name'"));
    given()
        .header("Authorization", "Bearer " + PUBLISHER)
        .contentType("application/json")
        .body("{\"name\":\"binary/viaRest\"}")
        .post("/git-repositories")
        .then()
        .statusCode(201)
        .body("name", equalTo("binary/viaRest.git"))
        .body("url", equalTo(base + "git/binary/viaRest.git"));
    given()
        .header("Authorization", "Bearer " + PUBLISHER)
        .contentType("application/json")
        .body("{\"name\":\"binary/viaRest.git\"}")
        .post("/git-repositories")
        .then()
        .statusCode(409);
    given().get("/git-repositories").then().body("name", hasItem("binary/viaRest.git"));
  }

  @Test
  void aBinaryLargerThanTheDefaultRequestLimitCanBePushed() throws Exception {
    byte[] blob = new byte[12 * 1024 * 1024];
    new Random(42).nextBytes(blob); // random: git cannot compress it below the 10 MiB default
    try (Git local = TestRepos.init(work.resolve("big"))) {
      Files.write(work.resolve("big/blob.bin"), blob);
      TestRepos.commit(local, "big blob");
      assertPushed(
          local
              .push()
              .setRemote(base + "git/binary/big.git")
              .setRefSpecs(TO_MASTER)
              .setCredentialsProvider(PUSHER)
              .call());
    }
    try (Git clone =
        Git.cloneRepository()
            .setURI(base + "git/binary/big.git")
            .setDirectory(work.resolve("big-clone").toFile())
            .call()) {
      assertThat(Files.readAllBytes(work.resolve("big-clone/blob.bin"))).isEqualTo(blob);
    }
  }

  @Test
  void aPushOverThePackLimitIsRefusedSayingSoAndKeepsNothing() throws Exception {
    byte[] blob = new byte[24 * 1024 * 1024];
    new Random(7).nextBytes(blob); // random: the pack stays over the profile's 20 MiB
    String text;
    try (Git local = TestRepos.init(work.resolve("huge"))) {
      Files.write(work.resolve("huge/blob.bin"), blob);
      TestRepos.commit(local, "huge blob");
      try {
        StringBuilder seen = new StringBuilder();
        for (PushResult result :
            local
                .push()
                .setRemote(base + "git/binary/huge.git")
                .setRefSpecs(TO_MASTER)
                .setCredentialsProvider(PUSHER)
                .call()) {
          seen.append(result.getMessages());
          result.getRemoteUpdates().forEach(u -> seen.append(u.getStatus()).append(u.getMessage()));
        }
        text = seen.toString();
      } catch (TransportException e) {
        text = e.getMessage();
      }
    }
    assertThat(text).contains("exceeds the limit");
    assertThat(HostingProfile.HOSTED_DIR.resolve("binary/huge.git/refs/heads/master"))
        .doesNotExist();
    try (var objects = Files.walk(HostingProfile.HOSTED_DIR.resolve("binary/huge.git/objects"))) {
      assertThat(objects.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum())
          .isLessThan(1024 * 1024);
    }
  }

  @Test
  void aPushToAHostedMetadataRepositorySyncsAndPublishesItsTemplates() throws Exception {
    RevCommit pushed;
    String marker = UUID.randomUUID().toString();
    try (Git local = TestRepos.init(work.resolve("templates"))) {
      TestRepos.write(
          local, "web/service.hrd", "description = '" + marker + "'\nprocess.1 =\n    cmd:'x',\n");
      TestRepos.write(local, "broken/service.hrd", "process.1 =\n    cmd:'x',\n    oops,\n");
      pushed = TestRepos.commit(local, "templates");
      assertPushed(
          local
              .push()
              .setRemote(base + "git/meta/templates.git")
              .setRefSpecs(TO_MASTER)
              .setCredentialsProvider(PUSHER)
              .call());
    }

    TestRepos.await(
        "meta/web to be synced after the push",
        () -> given().get("/templates/meta/web").statusCode() == 200);
    given()
        .get("/templates/meta/web")
        .then()
        .body("current.sourceCommit", equalTo(pushed.name()))
        .body("current.repository", equalTo("hosted:meta/templates"));
    given().get("/templates/meta/broken").then().statusCode(404);
    assertThat(TestRepos.recordsWithKey(broker.bootstrapServers(), "ays.templates", "meta/web"))
        .singleElement()
        .satisfies(r -> assertThat(r.value()).contains(marker));
  }

  @Test
  void aPublisherMayPushAndCreateOnlyWhereItsTokenSaysAndAnAdminAnywhere() throws Exception {
    String elsewhere = "other" + UUID.randomUUID().toString().substring(0, 8) + "/tool.git";
    try (Git local = TestRepos.init(work.resolve("scoped"))) {
      TestRepos.write(local, "data.txt", "x\n");
      TestRepos.commit(local, "data");

      assertThatThrownBy(
              () ->
                  local
                      .push()
                      .setRemote(base + "git/" + elsewhere)
                      .setRefSpecs(TO_MASTER)
                      .setCredentialsProvider(PUSHER)
                      .call())
          .isInstanceOf(TransportException.class)
          .hasMessageContaining("may not push to " + elsewhere)
          .hasMessageContaining("ays_push names (binary/*, meta/*)");
      // A publisher whose token names no repository may push nowhere.
      assertThatThrownBy(
              () ->
                  local
                      .push()
                      .setRemote(base + "git/binary/unnamed.git")
                      .setRefSpecs(TO_MASTER)
                      .setCredentialsProvider(
                          new UsernamePasswordCredentialsProvider(
                              "ays", TestTokens.token(Roles.PUBLISHER)))
                      .call())
          .isInstanceOf(TransportException.class)
          .hasMessageContaining("may not push to binary/unnamed.git")
          .hasMessageContaining("(none)");
      given()
          .header("Authorization", "Bearer " + PUBLISHER)
          .contentType("application/json")
          .body("{\"name\":\"" + elsewhere + "\"}")
          .post("/git-repositories")
          .then()
          .statusCode(403)
          .body("detail", containsString("may not create " + elsewhere));
      assertThat(HostingProfile.HOSTED_DIR.resolve(elsewhere)).doesNotExist();
      assertThat(HostingProfile.HOSTED_DIR.resolve("binary/unnamed.git")).doesNotExist();

      assertPushed(
          local
              .push()
              .setRemote(base + "git/" + elsewhere)
              .setRefSpecs(TO_MASTER)
              .setCredentialsProvider(
                  new UsernamePasswordCredentialsProvider("ays", TestTokens.adminToken()))
              .call());
    }
    assertThat(HostingProfile.HOSTED_DIR.resolve(elsewhere + "/HEAD")).isRegularFile();
  }

  private static void assertPushed(Iterable<PushResult> results) {
    for (PushResult result : results) {
      for (RemoteRefUpdate update : result.getRemoteUpdates()) {
        assertThat(update.getStatus())
            .as("push of %s: %s", update.getRemoteName(), update.getMessage())
            .isEqualTo(RemoteRefUpdate.Status.OK);
      }
    }
  }
}
