package kis.engine.journal;

import com.typesafe.config.Config;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.pekko.persistence.SelectedSnapshot;
import org.apache.pekko.persistence.SnapshotMetadata;
import org.apache.pekko.persistence.SnapshotSelectionCriteria;
import org.apache.pekko.persistence.serialization.Snapshot;
import org.apache.pekko.persistence.snapshot.japi.SnapshotStore;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import scala.concurrent.Future;
import scala.jdk.javaapi.FutureConverters;

/**
 * Pekko's local snapshot store, same directory, file names and bytes (a data dir written by either
 * store is read by the other), that finds an agent's snapshots in a {@link SnapshotIndex} built by
 * one listing of the directory instead of listing and filtering the whole directory for every
 * load and delete: at a start every agent loads its snapshot through this one actor, and the
 * listings were most of its CPU (bench/README "crash4"). Files are read and written on
 * {@code stream-dispatcher} as Pekko's store does; a snapshot is written to a ".tmp" file and
 * renamed into place, then indexed, so a load never sees one half written. A load tries the newest
 * {@code max-load-attempts} snapshots the criteria select, newest first, as Pekko's does.
 *
 * <p>One store per directory and process (the engine's lock guarantees it): files another process
 * adds while it runs are not seen until the next start.
 */
public final class IndexedSnapshotStore extends SnapshotStore {
  private final Path dir;
  private final int maxLoadAttempts;
  private final String dispatcherId;
  private SnapshotIndex index;
  private Executor io;
  private Serialization serialization;

  /** Pekko constructs the plugin with its configuration ({@code dir}, {@code max-load-attempts}, {@code stream-dispatcher}). */
  public IndexedSnapshotStore(Config config) {
    this.dir = Path.of(config.getString("dir"));
    this.maxLoadAttempts = config.getInt("max-load-attempts");
    this.dispatcherId = config.getString("stream-dispatcher");
  }

  @Override
  public void preStart() throws Exception {
    super.preStart();
    io = context().system().dispatchers().lookup(dispatcherId);
    serialization = SerializationExtension.get(context().system());
  }

  /** Listed once, at the first request (the directory may not exist before: then it is created). */
  private SnapshotIndex index() {
    if (index == null) {
      try {
        Files.createDirectories(dir);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create the snapshot directory " + dir, e);
      }
      index = SnapshotIndex.of(dir.toFile().list());
    }
    return index;
  }

  @Override
  public Future<Optional<SelectedSnapshot>> doLoadAsync(String persistenceId, SnapshotSelectionCriteria criteria) {
    List<SnapshotMetadata> candidates = index().matching(persistenceId, criteria);
    List<SnapshotMetadata> tried = candidates.subList(Math.max(0, candidates.size() - maxLoadAttempts),
        candidates.size());
    return FutureConverters.asScala(CompletableFuture.supplyAsync(() -> load(tried), io));
  }

  /** The newest of {@code tried} (oldest first) that reads; the last failure if none does. */
  private Optional<SelectedSnapshot> load(List<SnapshotMetadata> tried) {
    RuntimeException last = null;
    for (int i = tried.size() - 1; i >= 0; i--) {
      SnapshotMetadata md = tried.get(i);
      try {
        byte[] bytes = Files.readAllBytes(dir.resolve(SnapshotIndex.fileName(md, "")));
        Object data = serialization.deserialize(bytes, Snapshot.class).get().data();
        return Optional.of(SelectedSnapshot.create(md, data));
      } catch (Exception e) { // Try.get rethrows the serializer's checked exceptions unchecked
        last = e instanceof RuntimeException r ? r : new IllegalStateException("unreadable snapshot " + md, e);
        log().error(e, "Error loading snapshot [{}], remaining attempts: [{}]", md, i);
      }
    }
    if (last != null) {
      throw last;
    }
    return Optional.empty();
  }

  @Override
  public Future<Void> doSaveAsync(SnapshotMetadata metadata, Object snapshot) {
    SnapshotIndex idx = index();
    return FutureConverters.asScala(CompletableFuture.runAsync(() -> {
      byte[] bytes = serialization.serialize(new Snapshot(snapshot)).get();
      Path tmp = dir.resolve(SnapshotIndex.fileName(metadata, ".tmp"));
      try {
        Files.write(tmp, bytes);
        Files.move(tmp, dir.resolve(SnapshotIndex.fileName(metadata, "")), StandardCopyOption.REPLACE_EXISTING);
      } catch (IOException e) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // the failure below is what counts; a left .tmp is never read as a snapshot
        }
        throw new UncheckedIOException(e);
      }
      idx.add(new SnapshotMetadata(metadata.persistenceId(), metadata.sequenceNr(), metadata.timestamp()));
    }, io).thenApply(done -> (Void) null));
  }

  @Override
  public Future<Void> doDeleteAsync(SnapshotMetadata metadata) {
    return delete(index().deletedBy(metadata));
  }

  @Override
  public Future<Void> doDeleteAsync(String persistenceId, SnapshotSelectionCriteria criteria) {
    return delete(index().matching(persistenceId, criteria));
  }

  /** Unindexed at once (no load picks them any more), deleted on the I/O threads. */
  private Future<Void> delete(List<SnapshotMetadata> gone) {
    SnapshotIndex idx = index();
    gone.forEach(idx::remove);
    return FutureConverters.asScala(CompletableFuture.runAsync(() -> {
      for (SnapshotMetadata md : gone) {
        try {
          Files.deleteIfExists(dir.resolve(SnapshotIndex.fileName(md, "")));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }, io).thenApply(done -> (Void) null));
  }
}
