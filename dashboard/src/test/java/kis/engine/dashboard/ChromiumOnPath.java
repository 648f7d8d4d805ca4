package kis.engine.dashboard;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A headless-capable Chromium and its chromedriver, looked up on {@code PATH} under the names
 * distributions install them as (Debian: {@code chromium} + {@code chromium-driver}).
 */
record ChromiumOnPath(Path browser, Path driver) {
  static final List<String> BROWSERS = List.of("chromium", "chromium-browser", "google-chrome");
  static final String DRIVER = "chromedriver";

  /** Both found, or the one-line reason the browser test cannot run here. */
  static Found find() {
    Optional<Path> browser = BROWSERS.stream().map(ChromiumOnPath::onPath).flatMap(Optional::stream).findFirst();
    Optional<Path> driver = onPath(DRIVER);
    if (browser.isPresent() && driver.isPresent()) {
      return new Found(Optional.of(new ChromiumOnPath(browser.get(), driver.get())), "");
    }
    String missing = browser.isEmpty() && driver.isEmpty() ? "no " + String.join("/", BROWSERS) + " and no " + DRIVER
        : browser.isEmpty() ? "no " + String.join("/", BROWSERS) : "no " + DRIVER;
    return new Found(Optional.empty(), missing + " on PATH (Debian: apt-get install chromium chromium-driver)");
  }

  record Found(Optional<ChromiumOnPath> chromium, String whyNot) {}

  private static Optional<Path> onPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
      if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
