package kis.engine;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data dir and everything in it belong to the engine's user alone: the journal is the books,
 * the token cache and the dashboard token are secrets. {@link #create} makes the data dir
 * {@code rwx------} where it is missing; {@link #tighten} takes group and other access off every
 * directory and file already there (a {@code umask 077} after the fact; LevelDB's native code
 * creates its files with the process umask, so what it wrote since the last start is caught at
 * the next one, and the data dir's own {@code rwx------} keeps everyone else out meanwhile).
 * Symbolic links are neither followed nor changed. POSIX file systems only; elsewhere nothing is
 * done and the report says so.
 */
public final class OwnerOnly {
  private static final Logger LOG = LoggerFactory.getLogger(OwnerOnly.class);
  static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> NOT_OWNER = EnumSet.of(
      PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
      PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

  /** What {@link #tighten} changed: each entry as {@code path (rwxr-xr-x -> rwx------)}, relative to the dir. */
  public record Report(boolean posix, List<String> tightened, List<String> failed) {
    /** One line for the console, or empty when there was nothing to do. */
    public String summary(Path dir) {
      if (!posix) {
        return "data dir " + dir.toAbsolutePath() + ": not a POSIX file system, permissions left as they are";
      }
      if (tightened.isEmpty() && failed.isEmpty()) {
        return "";
      }
      StringBuilder b = new StringBuilder("data dir ").append(dir.toAbsolutePath()).append(": took group/other access"
          + " off ").append(tightened.size()).append(" entr").append(tightened.size() == 1 ? "y" : "ies");
      int shown = Math.min(5, tightened.size());
      if (shown > 0) {
        b.append(" (").append(String.join(", ", tightened.subList(0, shown)))
            .append(tightened.size() > shown ? ", ..." : "").append(')');
      }
      if (!failed.isEmpty()) {
        b.append("; could not change ").append(failed.size()).append(": ").append(String.join(", ", failed));
      }
      return b.toString();
    }
  }

  private OwnerOnly() {}

  /** Whether the data dir's file system has POSIX permissions. */
  static boolean posix(Path dir) {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
        && dir.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  /** Creates {@code dir} (and missing parents of it) as {@code rwx------} if it does not exist. */
  public static void create(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    if (posix(dir)) {
      Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIR));
    } else {
      Files.createDirectories(dir);
    }
  }

  /**
   * Keeps tightening {@code dir} every {@code every} while {@code system} runs, quietly (DEBUG):
   * what the journal and the snapshot store create after the start (new LevelDB files, the
   * snapshots directory) is owner-only within one period.
   */
  public static void keep(org.apache.pekko.actor.typed.ActorSystem<?> system, Path dir, java.time.Duration every) {
    system.scheduler().scheduleWithFixedDelay(every, every, () -> {
      Report r = tighten(dir, true);
      if (!r.failed().isEmpty()) {
        LOG.warn("{}", r.summary(dir));
      }
    }, system.executionContext());
  }

  /** Takes group and other permissions off {@code dir} and everything under it; logs each change. */
  public static Report tighten(Path dir) {
    return tighten(dir, false);
  }

  private static Report tighten(Path dir, boolean quiet) {
    if (!Files.isDirectory(dir)) {
      return new Report(posix(dir), List.of(), List.of());
    }
    if (!posix(dir)) {
      return new Report(false, List.of(), List.of());
    }
    List<String> tightened = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    try {
      Files.walkFileTree(dir, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
          fix(d);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
          if (!attrs.isSymbolicLink()) {
            fix(f);
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path f, IOException e) {
          // A file LevelDB deleted under us is no longer anyone's to read.
          if (Files.exists(f, LinkOption.NOFOLLOW_LINKS)) {
            failed.add(dir.relativize(f) + " (" + e.getClass().getSimpleName() + ")");
          }
          return FileVisitResult.CONTINUE;
        }

        private void fix(Path p) {
          try {
            Set<PosixFilePermission> before = Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
            Set<PosixFilePermission> after = EnumSet.noneOf(PosixFilePermission.class);
            after.addAll(before);
            after.removeAll(NOT_OWNER);
            if (!after.equals(before)) {
              Files.setPosixFilePermissions(p, after);
              String rel = dir.equals(p) ? "." : dir.relativize(p).toString();
              tightened.add(rel + " (" + PosixFilePermissions.toString(before) + " -> "
                  + PosixFilePermissions.toString(after) + ")");
              if (quiet) {
                LOG.debug("data dir permissions: {} {} -> {}", p, PosixFilePermissions.toString(before),
                    PosixFilePermissions.toString(after));
              } else {
                LOG.info("data dir permissions: {} {} -> {}", p, PosixFilePermissions.toString(before),
                    PosixFilePermissions.toString(after));
              }
            }
          } catch (java.nio.file.NoSuchFileException gone) {
            // deleted meanwhile (a LevelDB compaction): nothing left to protect
          } catch (IOException | UnsupportedOperationException e) {
            failed.add((dir.equals(p) ? "." : dir.relativize(p).toString()) + " (" + e.getClass().getSimpleName() + ")");
          }
        }
      });
    } catch (IOException e) {
      failed.add(". (" + e.getClass().getSimpleName() + ")");
    }
    return new Report(true, List.copyOf(tightened), List.copyOf(failed));
  }
}
