package io.ays.monitor;

import io.ays.testing.Prerequisites;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium and chromedriver (installed by {@code monitor-service/ci/install-chromium.sh})
 * driven by Selenium. Both paths are given to Selenium, so Selenium Manager never downloads a
 * browser or a driver.
 *
 * <p>A missing browser skips the test with what to do, so that the test command passes on a fresh
 * clone; CI ({@code -Days.require.all=true}, {@link Prerequisites}) fails it instead, as a
 * dashboard test that silently does not run would pass CI without testing anything. {@code
 * -Days.chromium=...} and {@code -Days.chromedriver=...} point at other binaries.
 */
final class HeadlessChromium {

  private HeadlessChromium() {}

  /** A fresh headless browser with its own empty profile; the caller quits it. */
  static ChromeDriver start() throws IOException {
    File chromium = binary("ays.chromium", "/usr/bin/chromium");
    File chromedriver = binary("ays.chromedriver", "/usr/bin/chromedriver");

    Path profile = Files.createTempDirectory("ays-chromium-profile");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium);
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1280,900",
        "--user-data-dir=" + profile);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(chromedriver)
            .usingAnyFreePort()
            .withTimeout(Duration.ofSeconds(60))
            .build();
    return new ChromeDriver(service, options);
  }

  private static File binary(String property, String defaultPath) {
    File file = new File(System.getProperty(property, defaultPath));
    Prerequisites.require(
        file.canExecute(),
        file
            + " is missing: the dashboard browser test needs Debian's chromium and"
            + " chromedriver; install them with monitor-service/ci/install-chromium.sh (as"
            + " root) or point -D"
            + property
            + "=... at another binary");
    return file;
  }
}
