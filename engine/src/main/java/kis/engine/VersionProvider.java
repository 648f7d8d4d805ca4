package kis.engine;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/**
 * {@code --version}: the version and the commit the jar was built from (the build writes both into
 * {@code kis/engine/git.properties}), so a bug report names exactly what ran.
 */
final class VersionProvider implements CommandLine.IVersionProvider {
  static final String GIT_PROPERTIES = "/kis/engine/git.properties";

  @Override
  public String[] getVersion() {
    return new String[] {line(read())};
  }

  static Properties read() {
    Properties p = new Properties();
    try (InputStream in = VersionProvider.class.getResourceAsStream(GIT_PROPERTIES)) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // No build information: the line says "unknown" rather than failing --version.
    }
    return p;
  }

  static String line(Properties git) {
    String manifest = Main.class.getPackage().getImplementationVersion();
    String version = git.getProperty("git.build.version", manifest == null ? "unknown" : manifest);
    String commit = git.getProperty("git.commit.id.abbrev");
    if (commit == null || commit.isBlank()) {
      return "kis-trader " + version + " (commit unknown)";
    }
    boolean dirty = Boolean.parseBoolean(git.getProperty("git.dirty", "false"));
    return "kis-trader " + version + " (commit " + commit + (dirty ? ", with uncommitted changes" : "")
        + ", " + git.getProperty("git.commit.time", "time unknown") + ")";
  }
}
