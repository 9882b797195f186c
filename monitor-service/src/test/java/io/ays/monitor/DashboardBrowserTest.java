package io.ays.monitor;

import static io.ays.monitor.TestEvents.crash;
import static io.ays.monitor.TestEvents.newId;
import static io.ays.monitor.TestEvents.newInstanceKey;
import static io.ays.monitor.TestEvents.reportOn;
import static io.ays.monitor.TestEvents.state;
import static org.assertj.core.api.Assertions.assertThat;

import io.ays.contracts.HealthStatus;
import io.ays.contracts.InstanceState;
import io.ays.contracts.auth.Roles;
import io.ays.testing.KafkaBroker;
import io.ays.testing.KafkaTestResource;
import io.ays.testing.PostgresTestResource;
import io.ays.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real headless Chromium: it shows an instance's state as it changes, from
 * health events published on the real broker, without being reloaded.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class DashboardBrowserTest {

  // Generous: a browser, a broker and a database share two cores with other builds.
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TestHTTPResource("/")
  URL dashboard;

  KafkaBroker broker;
  private TestKafka kafka;
  private ChromeDriver browser;

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

  private static String cellOf(WebDriver driver, String key, String name) {
    List<WebElement> cells =
        driver.findElements(By.cssSelector("tr[data-key='" + key + "'] td." + name));
    return cells.isEmpty() ? null : cells.get(0).getText();
  }
}
