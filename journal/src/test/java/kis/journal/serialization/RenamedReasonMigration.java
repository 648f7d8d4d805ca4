package kis.journal.serialization;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.pekko.serialization.jackson.JacksonMigration;

/**
 * The worked example of journal/README.md: version 1 of {@code AgentParked} called its field
 * {@code why}; version 2 calls it {@code reason}. Events written as version 1 still replay.
 */
public final class RenamedReasonMigration extends JacksonMigration {
  @Override
  public int currentVersion() {
    return 2;
  }

  @Override
  public JsonNode transform(int fromVersion, JsonNode json) {
    ObjectNode root = (ObjectNode) json;
    if (fromVersion <= 1 && root.has("why")) {
      root.set("reason", root.remove("why"));
    }
    return root;
  }
}
