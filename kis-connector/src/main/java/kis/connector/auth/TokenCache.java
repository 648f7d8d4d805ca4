package kis.connector.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import kis.connector.Secret;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The on-disk cache of one app key's access token, approval key and last issuance time, so that a
 * restart reuses a valid token and never issues twice within a minute. One file per (REST host,
 * app key), named by a hash so the file name reveals neither; directory {@code rwx------}, file
 * {@code rw-------}, written atomically.
 */
public final class TokenCache {
  private static final Logger LOG = LoggerFactory.getLogger(TokenCache.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<PosixFilePermission> DIR_PERMS = PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> FILE_PERMS = PosixFilePermissions.fromString("rw-------");

  private final Path dir;
  private final Path file;

  public TokenCache(Path dir, String restUrl, Secret appKey) {
    this.dir = dir;
    this.file = dir.resolve("kis-token-" + fingerprint(restUrl + "\n" + appKey.reveal()) + ".json");
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

  /** Writes the entry; failures are logged (the token still works from memory) and not thrown. */
  public void store(Entry e) {
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
      if (!Files.isDirectory(dir)) {
        if (posix) {
          Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIR_PERMS));
        } else {
          Files.createDirectories(dir);
        }
      }
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
