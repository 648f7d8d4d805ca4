package kis.actors.live;

import java.util.Optional;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;

/**
 * The actor system's {@link DiskSpace}, once the engine has started watching: where the dashboard
 * (and anything else that reports) reads why new orders stopped. An extension so that no handle
 * or setup record changes shape for it.
 */
public final class DiskWatch implements Extension {
  private volatile DiskSpace disk;

  private DiskWatch() {}

  public static DiskWatch get(ActorSystem<?> system) {
    return Id.INSTANCE.apply(system);
  }

  /** Set by the engine that watches. */
  public void set(DiskSpace d) {
    disk = d;
  }

  /** The watch, if this system's engine runs one. */
  public Optional<DiskSpace> disk() {
    return Optional.ofNullable(disk);
  }

  private static final class Id extends ExtensionId<DiskWatch> {
    static final Id INSTANCE = new Id();

    @Override
    public DiskWatch createExtension(ActorSystem<?> system) {
      return new DiskWatch();
    }
  }
}
