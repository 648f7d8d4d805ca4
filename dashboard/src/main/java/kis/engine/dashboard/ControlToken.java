package kis.engine.dashboard;

import com.typesafe.config.Config;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

/**
 * The secret an operator presents ({@code Authorization: Bearer <token>}) to use a control.
 * By default generated at first start into {@code <dataDir>/dashboard.token}, readable by the owner
 * only, and printed once at that moment; later starts read it back silently. That token is per data
 * dir, so the nodes of one cluster would each have their own: {@link #resolve} lets an operator give
 * every node (and {@code run}) the same one, from the environment or from a file outside the repo.
 * Its value never appears in {@link #toString()}, a log line or an exception message.
 */
public final class ControlToken {
  static final String FILE_NAME = "dashboard.token";
  /** The token itself, for a deployment that injects secrets as environment variables. */
  public static final String ENV_TOKEN = "KIS_TRADER_DASHBOARD_TOKEN";
  /** A file holding the token (first line), shared by every node. */
  public static final String ENV_TOKEN_FILE = "KIS_TRADER_DASHBOARD_TOKEN_FILE";
  /** The same as {@link #ENV_TOKEN_FILE}, as a setting; the environment wins. */
  public static final String TOKEN_FILE_SETTING = "kis.dashboard.token-file";
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

  private final byte[] value;

  private ControlToken(String value) {
    this.value = value.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The engine's token, from the first of: {@value #ENV_TOKEN}, the file named by
   * {@value #ENV_TOKEN_FILE}, the file named by {@code kis.dashboard.token-file}, and the data dir's
   * own ({@link #loadOrCreate}). A token given either way is never printed; a named file must exist
   * and hold at least 16 characters (an operator's secret is not generated where it was expected).
   *
   * @param env the process environment ({@code System.getenv()})
   * @throws IllegalArgumentException naming the source, never the value, when it is unusable
   */
  public static ControlToken resolve(Config config, Map<String, String> env, Path dataDir, PrintStream out) {
    String value = env.get(ENV_TOKEN);
    if (value != null && !value.isBlank()) {
      return named(value.strip(), "$" + ENV_TOKEN);
    }
    String file = env.get(ENV_TOKEN_FILE);
    if (file != null && !file.isBlank()) {
      return fromFile(Path.of(file.strip()), "$" + ENV_TOKEN_FILE);
    }
    if (config.hasPath(TOKEN_FILE_SETTING) && !config.getString(TOKEN_FILE_SETTING).isBlank()) {
      return fromFile(Path.of(config.getString(TOKEN_FILE_SETTING).strip()), TOKEN_FILE_SETTING);
    }
    return loadOrCreate(dataDir, out);
  }

  private static ControlToken fromFile(Path file, String source) {
    String content;
    try {
      content = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the dashboard token file " + file + " (" + source + "): "
          + e.getClass().getSimpleName());
    }
    String firstLine = content.strip().lines().findFirst().orElse("");
    return named(firstLine.strip(), source + " (" + file + ")");
  }

  private static ControlToken named(String value, String source) {
    try {
      return of(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the dashboard token from " + source + " is unusable: " + e.getMessage());
    }
  }

  /**
   * Reads the token under {@code dataDir}, or creates it (owner-only) and prints it to {@code out}
   * exactly once.
   */
  public static ControlToken loadOrCreate(Path dataDir, PrintStream out) {
    Path file = dataDir.resolve(FILE_NAME);
    try {
      Files.createDirectories(dataDir);
      if (Files.exists(file)) {
        return new ControlToken(Files.readString(file, StandardCharsets.US_ASCII).strip());
      }
      String fresh = generate();
      try {
        // Created with its final permissions so the secret is never world-readable, not even briefly.
        Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
      } catch (UnsupportedOperationException nonPosix) {
        Files.createFile(file);
      } catch (FileAlreadyExistsException raced) {
        return new ControlToken(Files.readString(file, StandardCharsets.US_ASCII).strip());
      }
      Files.writeString(file, fresh + "\n", StandardCharsets.US_ASCII);
      out.println("Dashboard control token (shown once; stored owner-only in " + file + "):");
      out.println("  " + fresh);
      out.flush();
      return new ControlToken(fresh);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the dashboard token in " + dataDir, e);
    }
  }

  /** A token from a known value, for tests and for an engine that gets it from its configuration. */
  public static ControlToken of(String value) {
    if (value == null || value.length() < 16) {
      throw new IllegalArgumentException("a control token needs at least 16 characters");
    }
    return new ControlToken(value);
  }

  private static String generate() {
    byte[] raw = new byte[32];
    new SecureRandom().nextBytes(raw);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
  }

  /** Constant-time comparison, so response timing does not leak how much of a guess was right. */
  public boolean matches(String presented) {
    if (presented == null) {
      return false;
    }
    return MessageDigest.isEqual(value, presented.strip().getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "ControlToken[****]";
  }
}
