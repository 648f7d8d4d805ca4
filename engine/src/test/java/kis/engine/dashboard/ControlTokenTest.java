package kis.engine.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ControlTokenTest {
  @TempDir Path dir;

  @Test
  void firstStartCreatesAnOwnerOnlyTokenAndPrintsItOnce() throws Exception {
    ByteArrayOutputStream first = new ByteArrayOutputStream();
    ControlToken t1 = ControlToken.loadOrCreate(dir, new PrintStream(first, true, StandardCharsets.UTF_8));
    Path file = dir.resolve(ControlToken.FILE_NAME);
    String stored = Files.readString(file).strip();

    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertTrue(first.toString(StandardCharsets.UTF_8).contains(stored), "printed at creation");
    assertTrue(t1.matches(stored));

    ByteArrayOutputStream second = new ByteArrayOutputStream();
    ControlToken t2 = ControlToken.loadOrCreate(dir, new PrintStream(second, true, StandardCharsets.UTF_8));
    assertEquals("", second.toString(StandardCharsets.UTF_8), "not printed again");
    assertTrue(t2.matches(stored), "same token after restart");
  }

  @Test
  void rejectsWrongEmptyAndMissingTokensAndNeverShowsItsValue() {
    ControlToken t = ControlToken.of("correct-horse-battery-staple");
    assertFalse(t.matches("correct-horse-battery-stapl"));
    assertFalse(t.matches("correct-horse-battery-staplee"));
    assertFalse(t.matches(""));
    assertFalse(t.matches(null));
    assertFalse(t.toString().contains("horse"));
  }

  @Test
  void generatedTokensDifferBetweenDataDirs(@TempDir Path other) {
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    ControlToken.loadOrCreate(dir, quiet);
    ControlToken.loadOrCreate(other, quiet);
    assertFalse(readToken(dir).equals(readToken(other)));
  }

  private static String readToken(Path d) {
    try {
      return Files.readString(d.resolve(ControlToken.FILE_NAME)).strip();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
