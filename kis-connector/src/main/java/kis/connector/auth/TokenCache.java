package kis.connector.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import kis.connector.Secret;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The on-disk cache of one app key's access token, approval key and last issuance time, so that a
 * restart reuses a valid token and never issues twice within a minute. One file per (REST host,
 * app key), named by a hash so the file name reveals neither; directory {@code rwx------}, file
 * {@code rw-------}, written atomically (a reader sees the old file or the new one, never half).
 *
 * <p>Every command on the machine that uses the same app key shares the file ({@code run},
 * {@code kis}, {@code history fetch}, a cluster node), possibly at the same time: {@link #update}
 * reads, changes and writes it under a lock that excludes the other processes (a hidden lock
 * file beside it, {@code .kis-token-<hash>.lock}) and the other threads of this JVM. The file never holds the app key or the app secret.
 */
public final class TokenCache {
  private static final Logger LOG = LoggerFactory.getLogger(TokenCache.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<PosixFilePermission> DIR_PERMS = PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> FILE_PERMS = PosixFilePermissions.fromString("rw-------");

  /** One monitor per cache file in this JVM: a file lock is per process, not per thread. */
  private static final ConcurrentHashMap<Path, Object> JVM_LOCKS = new ConcurrentHashMap<>();

  private final Path dir;
  private final Path file;
  private final Path lockFile;

  public TokenCache(Path dir, String restUrl, Secret appKey) {
    this.dir = dir;
    this.file = dir.resolve("kis-token-" + fingerprint(restUrl + "\n" + appKey.reveal()) + ".json");
    // Hidden, like the temporary files of a write: a listing of cache files shows cache files.
    this.lockFile = dir.resolve("." + file.getFileName().toString().replace(".json", ".lock"));
  }

  /** What the cache remembers; any part may be null. */
  public record Entry(AccessToken accessToken, Instant lastAccessIssue, Secret approvalKey, Instant approvalIssuedAt) {
    static final Entry EMPTY = new Entry(null, null, null, null);
  }

  public Path file() {
    return file;
  }

  /** The cached entry, or empty when there is none or it cannot be read (a broken cache is ignored). */
  public Optional<Entry> load() {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      JsonNode n = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
      AccessToken token = null;
      if (n.hasNonNull("accessToken") && n.hasNonNull("expiresAt")) {
        token = new AccessToken(Secret.of(n.get("accessToken").asText()), Instant.parse(n.get("expiresAt").asText()));
      }
      Secret approval = n.hasNonNull("approvalKey") ? Secret.of(n.get("approvalKey").asText()) : null;
      return Optional.of(new Entry(token, instant(n, "lastAccessIssue"), approval, instant(n, "approvalIssuedAt")));
    } catch (IOException | RuntimeException e) {
      LOG.warn("ignoring unreadable KIS token cache {} ({})", file, e.getClass().getSimpleName());
      return Optional.empty();
    }
  }

  /**
   * Reads the entry (empty when missing or unreadable), applies {@code change} and writes its
   * result, with no other process or thread of this JVM reading-and-writing the file in between.
   * Where the lock cannot be taken (a file system without locks) it proceeds unlocked: the file is
   * still replaced atomically. Returns what was written.
   */
  public Entry update(UnaryOperator<Entry> change) {
    synchronized (JVM_LOCKS.computeIfAbsent(file.toAbsolutePath().normalize(), k -> new Object())) {
      FileChannel channel = null;
      FileLock lock = null;
      try {
        ensureDir();
        channel = FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
            ? FileChannel.open(lockFile, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(FILE_PERMS))
            : FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        lock = channel.lock();
      } catch (IOException | RuntimeException e) {
        LOG.warn("could not lock KIS token cache {} ({}); going on without the lock", file, e.getClass().getSimpleName());
      }
      try {
        Entry next = change.apply(load().orElse(Entry.EMPTY));
        write(next);
        return next;
      } finally {
        close(lock, channel);
      }
    }
  }

  /** Replaces the entry (under the same lock as {@link #update}). */
  public void store(Entry e) {
    update(old -> e);
  }

  private static void close(FileLock lock, FileChannel channel) {
    try {
      if (lock != null) {
        lock.release();
      }
      if (channel != null) {
        channel.close();
      }
    } catch (IOException e) {
      // closing the channel releases the lock anyway
    }
  }

  private void ensureDir() throws IOException {
    if (!Files.isDirectory(dir)) {
      if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIR_PERMS));
      } else {
        Files.createDirectories(dir);
      }
    }
  }

  /** Writes the entry; failures are logged (the token still works from memory) and not thrown. */
  private void write(Entry e) {
    ObjectNode n = JSON.createObjectNode();
    if (e.accessToken() != null) {
      n.put("accessToken", e.accessToken().token().reveal());
      n.put("expiresAt", e.accessToken().expiresAt().toString());
    }
    if (e.lastAccessIssue() != null) {
      n.put("lastAccessIssue", e.lastAccessIssue().toString());
    }
    if (e.approvalKey() != null) {
      n.put("approvalKey", e.approvalKey().reveal());
    }
    if (e.approvalIssuedAt() != null) {
      n.put("approvalIssuedAt", e.approvalIssuedAt().toString());
    }
    try {
      boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
      ensureDir();
      Path tmp = posix
          ? Files.createTempFile(dir, ".kis-token", ".tmp", PosixFilePermissions.asFileAttribute(FILE_PERMS))
          : Files.createTempFile(dir, ".kis-token", ".tmp");
      Files.writeString(tmp, n.toString(), StandardCharsets.UTF_8);
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException ex) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
      if (posix) {
        Files.setPosixFilePermissions(file, FILE_PERMS);
      }
    } catch (IOException | RuntimeException ex) {
      LOG.warn("could not write KIS token cache {} ({})", file, ex.getClass().getSimpleName());
    }
  }

  private static Instant instant(JsonNode n, String field) {
    return n.hasNonNull(field) ? Instant.parse(n.get(field).asText()) : null;
  }

  private static String fingerprint(String s) {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(h, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
