package kis.engine.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import kis.journal.AgentId;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page in real headless Chromium (Debian's {@code chromium} + {@code chromium-driver}, which
 * {@code .ci/run} installs) against the real engine trading on kis-sim ({@link LiveEngineOnSim}):
 * the agents table fills with live values, the per-agent view shows the journal and the P&L chart,
 * a control is refused without the token and works with it, and the fresh start asks for a
 * confirmation before it moves a parked agent to a new journal. The browser and driver are found on
 * {@code PATH} ({@link ChromiumOnPath}); without them the test skips with one line saying what is
 * missing, except under {@code CI=true}, where that fails it. It is the only test allowed to skip. The screenshot is kept as {@code engine/target/dashboard-screenshot.png}, chromedriver's log as
 * {@code engine/target/chromedriver-dashboard.log}.
 */
@ExtendWith(LogCapturingExtension.class)
class DashboardBrowserTest {
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path profile;
  @TempDir Path data;
  private LiveEngineOnSim engine;
  private HeadlessChromium chrome;
  private WebDriver browser;

  @BeforeEach
  void start() throws Exception {
    ChromiumOnPath chromium = HeadlessChromium.onPathOrSkip();
    engine = new LiveEngineOnSim(data, "");
    engine.awaitTrading(Duration.ofMinutes(3));
    chrome = HeadlessChromium.start(chromium, profile, "dashboard", 1400, 1000);
    browser = chrome.driver();
  }

  @AfterEach
  void stop() {
    try {
      if (chrome != null) {
        chrome.close();
      }
    } finally {
      if (engine != null) {
        engine.close();
      }
    }
  }

  @Test
  void agentsTableFillsLiveAndAControlIsRefusedWithoutTheTokenAndWorksWithIt() throws Exception {
    browser.get(engine.url("/"));
    WebDriverWait wait = new WebDriverWait(browser, WAIT);
    wait.ignoring(StaleElementReferenceException.class);

    wait.until(b -> b.findElements(By.cssSelector("#agents tbody tr")).size() == 2);
    wait.until(b -> "005930".equals(cell("samsung-rt", "c-symbols"))
        && "RUNNING".equals(cell("samsung-rt", "c-state"))
        && !"—".equals(cell("samsung-rt", "c-lastFill")) && !cell("samsung-rt", "c-lastFill").isBlank());
    String before = browser.findElement(By.cssSelector("#agents tbody")).getText();
    wait.until(b -> !b.findElement(By.cssSelector("#agents tbody")).getText().equals(before));
    assertEquals("stream: live", browser.findElement(By.id("live")).getText());
    assertEquals("#d0021b", upColour(), "a rise is red by default (Korean convention)");
    click(By.id("colors"));
    assertEquals("#1f7a45", upColour(), "switched to green up");
    click(By.id("colors"));
    assertEquals("#d0021b", upColour());

    click(By.cssSelector("#agents tr[data-agent='samsung-rt']"));
    wait.until(b -> b.findElement(By.id("detail")).isDisplayed()
        && b.findElement(By.id("events")).getText().contains("OrderFilled")
        && b.findElement(By.cssSelector("#fills tbody")).getText().contains("BUY")
        && !b.findElements(By.cssSelector("#pnl-chart polyline")).isEmpty());
    assertEquals("samsung-rt", browser.findElement(By.id("detail-id")).getText());
    // Frames redraw the panel in place: the chart line and the row clicked are the same nodes a frame later.
    WebElement line = browser.findElement(By.cssSelector("#pnl-chart polyline"));
    WebElement row = browser.findElement(By.cssSelector("#agents tr[data-agent='samsung-rt']"));
    String clock = browser.findElement(By.id("clock")).getText();
    wait.until(b -> !b.findElement(By.id("clock")).getText().equals(clock));
    assertTrue(line.isDisplayed() && !line.getAttribute("points").isBlank(), "the P&L line was moved, not rebuilt");
    assertEquals("selected", row.getAttribute("class"), "the clicked row is kept, selected");

    By pause = By.cssSelector("#detail button[data-action='pause']");
    click(pause);
    wait.until(b -> "401".equals(b.findElement(By.id("control-result")).getAttribute("data-status")));
    assertEquals(AgentRunState.RUNNING, state("samsung-rt"), "the engine was never asked");

    browser.findElement(By.id("token")).sendKeys(DashboardFixture.TOKEN);
    click(pause);
    wait.until(b -> "200".equals(b.findElement(By.id("control-result")).getAttribute("data-status")));
    wait.until(b -> "PAUSED".equals(cell("samsung-rt", "c-state")));
    assertEquals(AgentRunState.PAUSED, state("samsung-rt"));
    assertEquals(AgentRunState.RUNNING, state("hynix-rt"));

    // Fresh start: asked twice; dismissed, nothing is sent; accepted on a parked agent, it moves journals.
    click(By.cssSelector("#agents tr[data-agent='hynix-rt']"));
    wait.until(b -> "hynix-rt".equals(b.findElement(By.id("detail-id")).getText()));
    By fresh = By.id("fresh-start");
    click(fresh);
    wait.until(ExpectedConditions.alertIsPresent()).dismiss();
    click(By.cssSelector("#detail button[data-action='park']"));
    wait.until(b -> "200".equals(b.findElement(By.id("control-result")).getAttribute("data-status"))
        && b.findElement(By.id("control-result")).getText().startsWith("park hynix-rt"));
    assertEquals(0, engine.dashboard.ports().agents().stream().filter(r -> r.id().startsWith("hynix-rt.g")).count(),
        "a dismissed confirmation sends nothing");
    click(By.cssSelector("#detail button[data-action='cancel-orders']"));
    wait.until(b -> "200".equals(b.findElement(By.id("control-result")).getAttribute("data-status"))
        && b.findElement(By.id("control-result")).getText().startsWith("cancel-orders hynix-rt"));
    wait.until(b -> state("hynix-rt") == AgentRunState.PARKED
        && engine.dashboard.ports().agent(new AgentId("hynix-rt")).orElseThrow().openOrders().isEmpty());
    // Parked with no working order, its position no longer moves: known before the click, so the test
    // never polls the page while a confirmation may be opening (a command then would dismiss it).
    boolean holds = engine.dashboard.ports().agent(new AgentId("hynix-rt")).orElseThrow().row().position() != 0;
    click(fresh);
    wait.until(ExpectedConditions.alertIsPresent()).accept();
    if (holds) {
      // The engine refuses while the agent holds shares, and the page asks whether to hand them over.
      wait.until(ExpectedConditions.alertIsPresent()).accept();
    }
    wait.until(b -> "200".equals(b.findElement(By.id("control-result")).getAttribute("data-status"))
        && b.findElement(By.id("control-result")).getText().contains("hynix-rt.g1"));
    wait.until(b -> !b.findElement(By.id("detail")).isDisplayed()
        && !b.findElements(By.cssSelector("#agents tr[data-agent='hynix-rt.g1']")).isEmpty()
        && b.findElements(By.cssSelector("#agents tr[data-agent='hynix-rt']")).isEmpty());

    click(By.cssSelector("#agents th[data-key='realizedPnl']"));
    assertNotEquals(null, browser.findElement(By.cssSelector("#agents th.sorted-asc")));

    File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
    Path target = Path.of("target", "dashboard-screenshot.png");
    Files.createDirectories(target.getParent());
    Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    assertTrue(Files.size(target) > 10_000, "a real screenshot");
  }

  /**
   * Clicks the element {@code by} finds once it is displayed and enabled, again if the click landed
   * elsewhere: the page keeps its layout still while frames arrive (dashboard.css, dashboard.js), but a
   * row can still move when an agent appears or leaves ("element click intercepted"); such a click did
   * nothing, so repeating it cannot act twice. Every try is bounded ({@link #WAIT} for the element,
   * {@link HeadlessChromium#COMMAND} for chromedriver's answer).
   */
  private void click(By by) {
    try {
      new WebDriverWait(browser, WAIT).ignoring(ElementClickInterceptedException.class)
          .ignoring(StaleElementReferenceException.class)
          .until(b -> {
            WebElement target = ExpectedConditions.elementToBeClickable(by).apply(b);
            if (target == null) {
              return false;
            }
            target.click();
            return true;
          });
    } catch (org.openqa.selenium.TimeoutException e) {
      throw new AssertionError("click on " + by + " did not happen (chromedriver's log: " + chrome.log() + ")", e);
    }
  }

  /** The agent's state as the engine's ports see it (the cache refreshes every second). */
  private AgentRunState state(String agent) {
    return engine.dashboard.ports().agent(new AgentId(agent)).orElseThrow().row().state();
  }

  private String cell(String agent, String column) {
    return browser.findElement(By.cssSelector("#agents tr[data-agent='" + agent + "'] td." + column)).getText();
  }

  private String upColour() {
    return String.valueOf(((JavascriptExecutor) browser).executeScript(
        "return getComputedStyle(document.body).getPropertyValue('--up').trim();"));
  }
}
