package kis.engine.dashboard;

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
import java.util.Set;

/**
 * The secret an operator presents ({@code Authorization: Bearer <token>}) to use a control.
 * Generated at first start into {@code <dataDir>/dashboard.token}, readable by the owner only,
 * and printed once at that moment; later starts read it back silently. Its value never appears in
 * {@link #toString()} or a log line.
 */
public final class ControlToken {
  static final String FILE_NAME = "dashboard.token";
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

  private final byte[] value;

  private ControlToken(String value) {
    this.value = value.getBytes(StandardCharsets.UTF_8);
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
