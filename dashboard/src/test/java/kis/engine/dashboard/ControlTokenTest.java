package kis.engine.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
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

  @Test
  void aSharedTokenFileGivesEveryNodeTheSameTokenWithoutPrintingOrWritingIt(@TempDir Path shared,
      @TempDir Path node2) throws Exception {
    Path file = shared.resolve("cluster.token");
    Files.writeString(file, "  shared-cluster-secret-0123456789\n");
    Map<String, String> env = Map.of(ControlToken.ENV_TOKEN_FILE, file.toString());
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    ControlToken a = ControlToken.resolve(ConfigFactory.empty(), env, dir, out);
    ControlToken b = ControlToken.resolve(ConfigFactory.empty(), env, node2, out);

    assertTrue(a.matches("shared-cluster-secret-0123456789"));
    assertTrue(b.matches("shared-cluster-secret-0123456789"));
    assertEquals("", printed.toString(StandardCharsets.UTF_8), "an operator's token is never printed");
    assertFalse(Files.exists(dir.resolve(ControlToken.FILE_NAME)), "no per-node token next to a shared one");
    assertFalse(Files.exists(node2.resolve(ControlToken.FILE_NAME)));
  }

  @Test
  void theTokenFileSettingServesWhenTheEnvironmentSaysNothing(@TempDir Path shared) throws Exception {
    Path file = shared.resolve("cluster.token");
    Files.writeString(file, "setting-cluster-secret-0123456789\n");
    Config config = ConfigFactory.parseMap(Map.of(ControlToken.TOKEN_FILE_SETTING, file.toString()));

    assertTrue(ControlToken.resolve(config, Map.of(), dir, quiet()).matches("setting-cluster-secret-0123456789"));
  }

  @Test
  void theEnvironmentWinsOverTheTokenFileSettingAndTheDataDir(@TempDir Path shared) throws Exception {
    Path file = shared.resolve("cluster.token");
    Files.writeString(file, "setting-cluster-secret-0123456789\n");
    Config config = ConfigFactory.parseMap(Map.of(ControlToken.TOKEN_FILE_SETTING, file.toString()));
    ControlToken.loadOrCreate(dir, quiet());

    ControlToken t = ControlToken.resolve(config, Map.of(ControlToken.ENV_TOKEN, "env-cluster-secret-0123456789"),
        dir, quiet());

    assertTrue(t.matches("env-cluster-secret-0123456789"));
    assertFalse(t.matches("setting-cluster-secret-0123456789"));
    assertFalse(t.matches(readToken(dir)));
  }

  @Test
  void withoutEnvironmentOrSettingEachDataDirKeepsItsOwnToken() {
    ControlToken t = ControlToken.resolve(ConfigFactory.empty(), Map.of(), dir, quiet());
    assertTrue(t.matches(readToken(dir)));
  }

  @Test
  void anUnusableSharedTokenIsRefusedNamingItsSourceButNotItsValue(@TempDir Path shared) throws Exception {
    Path file = shared.resolve("short.token");
    Files.writeString(file, "tooShortSecret\n");
    IllegalArgumentException shortOne = assertThrows(IllegalArgumentException.class, () -> ControlToken.resolve(
        ConfigFactory.empty(), Map.of(ControlToken.ENV_TOKEN_FILE, file.toString()), dir, quiet()));
    assertTrue(shortOne.getMessage().contains(ControlToken.ENV_TOKEN_FILE), shortOne.getMessage());
    assertFalse(shortOne.getMessage().contains("tooShortSecret"), shortOne.getMessage());

    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> ControlToken.resolve(
        ConfigFactory.empty(), Map.of(ControlToken.ENV_TOKEN_FILE, shared.resolve("absent").toString()), dir,
        quiet()));
    assertTrue(missing.getMessage().contains("absent"), missing.getMessage());
    assertFalse(Files.exists(shared.resolve("absent")), "an operator's token file is not generated");
  }

  private static PrintStream quiet() {
    return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
  }

  private static String readToken(Path d) {
    try {
      return Files.readString(d.resolve(ControlToken.FILE_NAME)).strip();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
