package io.ays.monitor;

import static io.ays.monitor.TestEvents.crash;
import static io.ays.monitor.TestEvents.heartbeat;
import static io.ays.monitor.TestEvents.newId;
import static io.ays.monitor.TestEvents.newInstanceKey;
import static io.ays.monitor.TestEvents.reportOn;
import static io.ays.monitor.TestEvents.runAccepted;
import static io.ays.monitor.TestEvents.runFinished;
import static io.ays.monitor.TestEvents.state;
import static io.ays.monitor.TestEvents.stateOn;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.ays.contracts.HealthStatus;
import io.ays.contracts.InstanceState;
import io.ays.contracts.RunOutcome;
import io.ays.contracts.auth.Roles;
import io.ays.testing.KafkaBroker;
import io.ays.testing.KafkaTestResource;
import io.ays.testing.PostgresTestResource;
import io.ays.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real headless Chromium: it shows the current state as soon as it is signed in,
 * an instance's state as it changes (from health events published on the real broker, without being
 * reloaded), an instance's health and restarts over time, the recent runs and the nodes.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class DashboardBrowserTest {

  // Generous: a browser, a broker and a database share two cores with other builds.
  private static final Duration WAIT = Duration.ofSeconds(60);

  /**
   * How long the page may take to show what the monitor already knows, once signed in: one REST
   * call. The live stream is not waited for (a page that waited for it showed nothing for 10 s);
   * the test blocks the stream to prove it.
   */
  private static final Duration AT_ONCE = Duration.ofSeconds(5);

  @TestHTTPResource("/")
  URL dashboard;

  KafkaBroker broker;
  private TestKafka kafka;
  private ChromeDriver browser;

  @BeforeAll
  static void callAsAdmin() {
    TestTokens.authenticateRestAssured();
  }

  @BeforeEach
  void start() throws Exception {
    kafka = new TestKafka(broker);
    browser = HeadlessChromium.start();
  }

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.quit();
    }
    kafka.close();
  }

  @Test
  void showsAnInstanceGoDownAndBackUpLiveWithoutReloading() {
    String key = newInstanceKey("dashboard");
    browser.get(dashboard.toString());
    WebDriverWait wait = new WebDriverWait(browser, WAIT);
    signIn(wait, TestTokens.token(Roles.VIEWER));
    wait.until(d -> "live".equals(d.findElement(By.id("connection")).getAttribute("data-state")));
    // Set in this page load only: still there at the end means the page was never reloaded.
    ((JavascriptExecutor) browser).executeScript("window.loadedOnce = true;");

    kafka.send(
        "ays.service-events", key, state(key, InstanceState.STARTING, InstanceState.RUNNING));
    kafka.send("ays.health", key, reportOn(TestEvents.NODE, key, HealthStatus.UP, "fine"));
    wait.until(d -> "UP".equals(statusOf(d, key)));
    assertThat(cell(key, "node")).isEqualTo(TestEvents.NODE);
    assertThat(cell(key, "restarts")).isEqualTo("0");

    kafka.send("ays.health", key, crash(newId(), newId(), key, 137));
    wait.until(d -> "DOWN".equals(statusOf(d, key)));
    // The monitor restarts it (after 100 ms in tests) and the count shows it.
    wait.until(d -> "1".equals(cellOf(d, key, "restarts")));
    assertThat(cell(key, "message")).isEqualTo("process.1 exited with status 137");

    // The coordinator's restart run and the executor's next report.
    kafka.send(
        "ays.service-events", key, state(key, InstanceState.RUNNING, InstanceState.STARTING));
    kafka.send(
        "ays.service-events", key, state(key, InstanceState.STARTING, InstanceState.RUNNING));
    kafka.send("ays.health", key, reportOn(TestEvents.NODE, key, HealthStatus.UP, "fine again"));
    wait.until(d -> "UP".equals(statusOf(d, key)));
    wait.until(d -> "WATCHING".equals(cellOf(d, key, "supervision")));

    assertThat(((JavascriptExecutor) browser).executeScript("return window.loadedOnce === true;"))
        .isEqualTo(true);
    assertThat(browser.findElement(By.cssSelector("tr[data-key='" + key + "'] .status")).getText())
        .isEqualTo("UP");
  }

  @Test
  void asksForATokenAndRefusesOneWithoutAnAysRole() {
    browser.get(dashboard.toString());
    WebDriverWait wait = new WebDriverWait(browser, WAIT);
    wait.until(d -> d.findElement(By.id("login")).isDisplayed());
    signIn(wait, TestTokens.token("nobody"));
    wait.until(
        d ->
            d.findElement(By.id("login")).isDisplayed()
                && d.findElement(By.id("login-problem")).getText().contains("viewer"));
    assertThat(browser.findElement(By.id("connection")).getAttribute("data-state"))
        .isEqualTo("signed-out");
  }

  @Test
  void showsTheCurrentStateAtOnceAndEveryNodeWithItsInstances() {
    String node = "page-" + UUID.randomUUID().toString().substring(0, 8);
    String silentNode = node + "-gone";
    String first = newInstanceKey("at-once");
    String second = newInstanceKey("at-once");
    kafka.send("ays.nodes", node, heartbeat(node, 30));
    // Announces a heartbeat every second and sends no other: silent after three seconds.
    kafka.send("ays.nodes", silentNode, heartbeat(silentNode, 1));
    for (String key : List.of(first, second)) {
      kafka.send(
          "ays.service-events",
          key,
          stateOn(node, key, InstanceState.STARTING, InstanceState.RUNNING));
      kafka.send("ays.health", key, reportOn(node, key, HealthStatus.UP, "fine"));
    }
    // The monitor knows both before the page opens: the page must show them from its snapshot.
    for (String key : List.of(first, second)) {
      Eventually.holds(WAIT, () -> assertThat(healthOf(key, "status")).as(key).isEqualTo("UP"));
    }

    // The live stream is held back: what the page shows must come from its snapshot, at once.
    browser.executeCdpCommand("Network.enable", Map.of());
    browser.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of("*/events")));
    browser.get(dashboard.toString());
    signIn(new WebDriverWait(browser, WAIT), TestTokens.token(Roles.VIEWER));
    WebDriverWait atOnce = new WebDriverWait(browser, AT_ONCE);
    atOnce.until(d -> "UP".equals(statusOf(d, first)) && "UP".equals(statusOf(d, second)));
    assertThat(browser.findElement(By.id("empty")).isDisplayed()).isFalse();
    assertThat(browser.findElement(By.id("connection")).getAttribute("data-state"))
        .isNotEqualTo("live");

    // Once the stream gets through, the page goes live by itself.
    browser.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of()));
    WebDriverWait wait = new WebDriverWait(browser, WAIT);
    wait.until(d -> "live".equals(d.findElement(By.id("connection")).getAttribute("data-state")));

    browser.findElement(By.id("tab-nodes")).click();
    wait.until(d -> "2".equals(cellOf(d, node, "instances")));
    assertThat(cell(node, "state")).isEqualTo("ALIVE");
    assertThat(cell(node, "interval")).isEqualTo("30 s");
    assertThat(cell(node, "version")).isEqualTo("0.1.0-test");
    // The view reads the nodes again while it is open: the other node turns silent in it.
    wait.until(d -> "SILENT".equals(cellOf(d, silentNode, "state")));
    assertThat(browser.findElement(By.id("view-instances")).isDisplayed()).isFalse();
  }

  @Test
  void chartsAnInstancesHealthAndRestartsAndListsItsRuns() {
    String key = newInstanceKey("charted");
    UUID installed = UUID.randomUUID();
    UUID failed = UUID.randomUUID();
    UUID running = UUID.randomUUID();
    kafka.send("ays.service-events", key, runAccepted(installed, key, TestEvents.NODE));
    kafka.send(
        "ays.service-events", key, state(key, InstanceState.STARTING, InstanceState.RUNNING));
    kafka.send("ays.service-events", key, runFinished(installed, key, RunOutcome.SUCCEEDED, null));
    kafka.send("ays.health", key, reportOn(TestEvents.NODE, key, HealthStatus.UP, "fine"));
    // Health and service events are read by separate consumers: RUNNING must be known first.
    Eventually.holds(
        WAIT,
        () -> {
          assertThat(healthOf(key, "lifecycleState")).isEqualTo("RUNNING");
          assertThat(healthOf(key, "status")).isEqualTo("UP");
        });
    kafka.send("ays.health", key, crash(newId(), newId(), key, 137));
    // The monitor restarts it (after 100 ms in tests); the restart run fails, a later one runs.
    Eventually.holds(
        WAIT, () -> assertThat(healthOf(key, "restarts")).as("restarts of " + key).isEqualTo(1));
    kafka.send("ays.service-events", key, runAccepted(failed, key, TestEvents.NODE));
    kafka.send(
        "ays.service-events", key, runFinished(failed, key, RunOutcome.FAILED, "start timed out"));
    kafka.send("ays.service-events", key, runAccepted(running, key, TestEvents.NODE));
    kafka.send("ays.health", key, reportOn(TestEvents.NODE, key, HealthStatus.UP, "fine again"));

    browser.get(dashboard.toString());
    WebDriverWait wait = new WebDriverWait(browser, WAIT);
    signIn(wait, TestTokens.token(Roles.VIEWER));
    wait.until(d -> "UP".equals(statusOf(d, key)) && "1".equals(cellOf(d, key, "restarts")));
    browser.findElement(By.cssSelector("tr[data-key='" + key + "'] td.key a")).click();

    // Health over time: one point per status change, UP, DOWN and UP again; one restart.
    wait.until(d -> pointsIn(d, "health-chart").equals(List.of("UP", "DOWN", "UP")));
    assertThat(browser.findElement(By.id("history-key")).getText()).isEqualTo(key);
    assertThat(pointsIn(browser, "restarts-chart")).hasSize(1);
    assertThat(
            browser
                .findElement(By.cssSelector("#health-chart polyline.line"))
                .getAttribute("points"))
        .isNotBlank();

    browser.findElement(By.id("tab-runs")).click();
    wait.until(d -> "RUNNING".equals(cellOf(d, running.toString(), "status")));
    assertThat(cell(installed.toString(), "status")).isEqualTo("SUCCEEDED");
    assertThat(cell(failed.toString(), "status")).isEqualTo("FAILED");
    assertThat(cell(failed.toString(), "reason")).isEqualTo("start timed out");
    assertThat(cell(running.toString(), "instance")).isEqualTo(key);
    assertThat(cell(running.toString(), "action")).isEqualTo("INSTALL");
    assertThat(cell(installed.toString(), "duration")).isEqualTo("1.2 s");
    // Newest first.
    @SuppressWarnings("unchecked")
    List<String> rows =
        (List<String>)
            browser.executeScript(
                "return Array.from(document.querySelectorAll('#runs tr'), r => r.dataset.key);");
    List<String> order =
        rows.stream()
            .filter(
                id ->
                    Set.of(installed.toString(), failed.toString(), running.toString())
                        .contains(id))
            .toList();
    assertThat(order).containsExactly(running.toString(), failed.toString(), installed.toString());
  }

  /** A field of {@code GET /health/{key}}; fails (to be tried again) while the key is unknown. */
  private static Object healthOf(String key, String field) {
    Response response = given().get("/health/" + key);
    assertThat(response.statusCode()).as("GET /health/" + key).isEqualTo(200);
    return response.jsonPath().get(field);
  }

  /** The statuses of the points drawn in chart {@code id}, oldest first. */
  private static List<String> pointsIn(WebDriver driver, String id) {
    return driver.findElements(By.cssSelector("#" + id + " circle.point")).stream()
        .map(point -> String.valueOf(point.getAttribute("data-status")))
        .toList();
  }

  /** As a person does: paste the token into the page's form and sign in. */
  private static void signIn(WebDriverWait wait, String token) {
    WebElement field = wait.until(d -> d.findElement(By.id("token")));
    wait.until(d -> field.isDisplayed());
    field.sendKeys(token);
    wait.until(d -> d.findElement(By.id("sign-in"))).click();
  }

  private String cell(String key, String name) {
    return cellOf(browser, key, name);
  }

  private static String statusOf(WebDriver driver, String key) {
    List<WebElement> rows = driver.findElements(By.cssSelector("tr[data-key='" + key + "']"));
    return rows.isEmpty() ? null : rows.get(0).getAttribute("data-status");
  }

  /**
   * The text of a cell, read in one script: the runs and nodes views rebuild their rows each time
   * they read the API again, so an element found first and read later could be gone.
   */
  private static String cellOf(WebDriver driver, String key, String name) {
    Object text =
        ((JavascriptExecutor) driver)
            .executeScript(
                "const cell = document.querySelector("
                    + "'tr[data-key=\"' + CSS.escape(arguments[0]) + '\"] td.' + arguments[1]);"
                    + " return cell === null ? null : cell.innerText.trim();",
                key,
                name);
    return (String) text;
  }
}
