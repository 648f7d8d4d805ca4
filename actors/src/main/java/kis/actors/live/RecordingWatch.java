package kis.actors.live;

import kis.connector.record.FrameRecorder;
import kis.connector.record.RecordingStatus;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;

/**
 * The actor system's market-data recorder, once the account's desk runs on this node: where the
 * status log and anything else that reports read whether recording works, how much it holds, and
 * why it stopped. An extension, as {@link DiskWatch}, so no handle or setup record changes shape.
 */
public final class RecordingWatch implements Extension {
  private volatile FrameRecorder recorder;

  private RecordingWatch() {}

  public static RecordingWatch get(ActorSystem<?> system) {
    return Id.INSTANCE.apply(system);
  }

  /** Set by the desk that records. */
  void set(FrameRecorder r) {
    recorder = r;
  }

  /** What this node records now; {@link RecordingStatus#OFF} where no desk runs. */
  public RecordingStatus status() {
    FrameRecorder r = recorder;
    return r == null ? RecordingStatus.OFF : r.status();
  }

  private static final class Id extends ExtensionId<RecordingWatch> {
    static final Id INSTANCE = new Id();

    @Override
    public RecordingWatch createExtension(ActorSystem<?> system) {
      return new RecordingWatch();
    }
  }
}
