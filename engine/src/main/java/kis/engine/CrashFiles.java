package kis.engine;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the JVM writes its crash file ({@code hs_err_pid<pid>.log}) if it dies in native code (a
 * SIGBUS in LevelDB's writes, say): by default the working directory, wherever that is. The
 * engine wants it in the data dir's {@code log} folder, next to what it describes.
 *
 * <p>{@code -XX:ErrorFile} is read once when the JVM starts: HotSpot does not let a running JVM
 * change it ({@code HotSpotDiagnosticMXBean.setVMOption("ErrorFile", ...)} answers "not
 * writeable" on JDK 17), and a jar cannot carry JVM options. So the launch command sets it (the
 * README's {@code java -XX:ErrorFile=data/log/hs_err_pid%p.log -jar ...}); at start the engine
 * creates the folder and reads the flag back, and says how to set it when it points elsewhere.
 */
public final class CrashFiles {
  /** The data dir's folder for crash files. */
  public static final String LOG_DIR = "log";

  private CrashFiles() {}

  /** {@code <dataDir>/log}. */
  public static Path logDir(Path dataDir) {
    return dataDir.resolve(LOG_DIR);
  }

  /** The JVM's {@code ErrorFile} as started, empty when not set. */
  static Optional<String> errorFile() {
    try {
      String v = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).getVMOption("ErrorFile").getValue();
      return v == null || v.isBlank() ? Optional.empty() : Optional.of(v);
    } catch (RuntimeException e) {
      return Optional.empty(); // not HotSpot: nothing to read
    }
  }

  /**
   * Empty when the JVM's crash file goes to {@code <dataDir>/log}; otherwise one line for the
   * operator saying where it goes and the option that sends it there.
   */
  public static Optional<String> advice(Path dataDir) {
    return advice(dataDir, errorFile(), Path.of("").toAbsolutePath());
  }

  static Optional<String> advice(Path dataDir, Optional<String> errorFile, Path workingDir) {
    Path wanted = workingDir.resolve(logDir(dataDir)).normalize();
    if (errorFile.isPresent()) {
      Path parent = workingDir.resolve(errorFile.get()).normalize().getParent();
      if (wanted.equals(parent)) {
        return Optional.empty();
      }
    }
    String where = errorFile.map(f -> "to " + f).orElse("to the working directory " + workingDir);
    return Optional.of("JVM crash files (hs_err) go " + where + ", not to " + wanted + ": start with"
        + " java -XX:ErrorFile=" + wanted.resolve("hs_err_pid%p.log") + " -jar ... (README, first command)");
  }
}
