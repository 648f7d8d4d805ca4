package kis.engine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One engine per data directory: an OS file lock on {@code <data-dir>/engine.lock}, held for the
 * life of the process (the OS drops it if the process dies, so a crash never leaves it stuck).
 * LevelDB allows one process per journal; this lock turns a second engine into a clear error at
 * start instead of a journal that never answers.
 */
public final class EngineLock implements AutoCloseable {
  public static final String FILE_NAME = "engine.lock";

  /** Another engine (or journal tool) holds the data directory. */
  public static final class HeldException extends Exception {
    HeldException(String message) {
      super(message);
    }
  }

  private final FileChannel channel;
  private final FileLock lock;

  private EngineLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** Takes the lock or fails at once; never waits. */
  public static EngineLock acquire(Path dataDir) throws HeldException, IOException {
    OwnerOnly.create(dataDir);
    Path file = dataDir.resolve(FILE_NAME);
    FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
    FileLock l;
    try {
      l = ch.tryLock();
    } catch (OverlappingFileLockException e) {
      l = null; // held by this very JVM
    }
    if (l == null) {
      String holder = readHolder(file);
      ch.close();
      throw new HeldException("data directory " + dataDir.toAbsolutePath() + " is in use by another kis-trader"
          + (holder.isEmpty() ? "" : " (" + holder + ")") + "; stop it first, or use another --data-dir");
    }
    ch.truncate(0);
    ch.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)));
    ch.force(false);
    return new EngineLock(ch, l);
  }

  private static String readHolder(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      return "";
    }
  }

  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      channel.close();
    }
  }
}
