package kis.engine.dashboard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.remote.http.ClientConfig;

/**
 * The browser tests' headless Chromium with every wait bounded: a page load or a script gives up
 * after {@link #PAGE}, and a command chromedriver does not answer within {@link #COMMAND} fails
 * with "Timeout when executing request (POST …/click)" instead of blocking the build; what the
 * driver was doing meanwhile is in its log, {@code target/chromedriver-<test>.log}.
 *
 * @param driver the session, closed by {@link #close()}
 * @param log chromedriver's log of this session
 */
record HeadlessChromium(ChromeDriver driver, ChromeDriverService service, Path log) implements AutoCloseable {
  /** Longest page load (a navigation a click starts included) or script chromedriver may wait for. */
  static final Duration PAGE = Duration.ofSeconds(45);
  /**
   * Longest wait for chromedriver's answer to one command: past {@link #PAGE}, so its own timeout
   * answers first and this one only fires when the driver itself is stuck.
   */
  static final Duration COMMAND = Duration.ofSeconds(90);

  /**
   * The browser and driver on {@code PATH}, or the test aborted with one line saying what is
   * missing; under {@code CI=true} a missing browser fails it ({@code .ci/run} installs it).
   */
  static ChromiumOnPath onPathOrSkip() {
    ChromiumOnPath.Found found = ChromiumOnPath.find();
    if (found.chromium().isEmpty()) {
      String why = "browser test skipped: " + found.whyNot();
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new AssertionError("CI=true must run the browser test, but " + found.whyNot() + " (.ci/run installs it)");
      }
      System.err.println(why); // the one line a reader of the build output sees; the abort carries it too
      Assumptions.abort(why);
    }
    return found.chromium().get();
  }

  /** A session of {@code width} x {@code height} CSS pixels on a profile of its own. */
  static HeadlessChromium start(ChromiumOnPath chromium, Path profile, String name, int width, int height)
      throws IOException {
    Path log = Path.of("target", "chromedriver-" + name + ".log").toAbsolutePath();
    Files.createDirectories(log.getParent());
    ChromeDriverService service = startDriver(chromium.driver(), log);
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium.browser().toFile());
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--window-size=" + width + "," + height,
        "--user-data-dir=" + profile.toAbsolutePath());
    try {
      ChromeDriver driver = new ChromeDriver(service, options,
          ClientConfig.defaultConfig().connectionTimeout(Duration.ofSeconds(30)).readTimeout(COMMAND));
      driver.manage().timeouts().pageLoadTimeout(PAGE).scriptTimeout(PAGE);
      return new HeadlessChromium(driver, service, log);
    } catch (RuntimeException e) {
      service.stop();
      throw e;
    }
  }

  /**
   * chromedriver cannot be told to bind port 0 and report it, so Selenium picks a free port that the
   * driver binds a moment later; if another process took it meanwhile, the start fails and a new
   * port is tried.
   */
  private static ChromeDriverService startDriver(Path driver, Path log) throws IOException {
    IOException last = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      ChromeDriverService s = new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile())
          .usingAnyFreePort().withLogFile(log.toFile()).build();
      try {
        s.start();
        return s;
      } catch (IOException | RuntimeException e) {
        s.stop();
        last = e instanceof IOException io ? io : new IOException(e);
      }
    }
    throw last;
  }

  /** Quits the browser (bounded by {@link #COMMAND} like any command), then stops the driver. */
  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      service.stop();
    }
  }
}
