package kis.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OwnerOnlyTest {
  @TempDir Path tmp;

  private static String perms(Path p) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, java.nio.file.LinkOption.NOFOLLOW_LINKS));
  }

  @Test
  void aMissingDataDirIsCreatedOwnerOnlyWhateverTheUmask() throws Exception {
    Path data = tmp.resolve("a/b/data");
    OwnerOnly.create(data);
    assertEquals("rwx------", perms(data));
  }

  @Test
  void everyDirectoryAndFileUnderTheDataDirLosesGroupAndOtherAccessAndIsReported() throws Exception {
    Path data = Files.createDirectory(tmp.resolve("data"));
    Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path journal = Files.createDirectory(data.resolve("journal"));
    Files.setPosixFilePermissions(journal, PosixFilePermissions.fromString("rwxrwxr-x"));
    Path log = Files.writeString(journal.resolve("000003.log"), "events");
    Files.setPosixFilePermissions(log, PosixFilePermissions.fromString("rw-r--r--"));
    Path already = Files.writeString(data.resolve("dashboard.token"), "secret");
    Files.setPosixFilePermissions(already, PosixFilePermissions.fromString("rw-------"));
    Path outside = Files.writeString(tmp.resolve("elsewhere.txt"), "not ours");
    Files.setPosixFilePermissions(outside, PosixFilePermissions.fromString("rw-r--r--"));
    Files.createSymbolicLink(data.resolve("link"), outside);

    OwnerOnly.Report r = OwnerOnly.tighten(data);

    assertEquals("rwx------", perms(data));
    assertEquals("rwx------", perms(journal));
    assertEquals("rw-------", perms(log));
    assertEquals("rw-------", perms(already));
    assertEquals("rw-r--r--", perms(outside), "a link is not followed out of the data dir");
    assertEquals(List.of(". (rwxr-xr-x -> rwx------)", "journal (rwxrwxr-x -> rwx------)",
        "journal/000003.log (rw-r--r-- -> rw-------)"), r.tightened().stream().sorted().toList());
    assertTrue(r.summary(data).contains("took group/other access off 3 entries"), r.summary(data));
    assertEquals("", OwnerOnly.tighten(data).summary(data), "nothing left to do the second time");
  }
}
