package kis.engine.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal tools read every journal to its end whatever its size: Pekko's current-events query
 * stalled when exactly one event was left at a 100-event replay boundary (200 events).
 */
class JournalReaderSizesTest {
  @TempDir Path dir;

  @Test
  void journalsOfEverySizeAroundTheReplayBatchBoundaryReadToTheirEnd() {
    Path data = dir.resolve("data");
    Map<String, Integer> sizes = new LinkedHashMap<>();
    for (int n : new int[] {2, 100, 199, 200, 201, 400}) {
      sizes.put("a" + n, n);
    }
    JournalFixture.write(data, sizes, 10);
    assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
      try (JournalReader r = JournalReader.open(data, ConfigFactory.load())) {
        assertEquals(List.copyOf(sizes.keySet()).stream().sorted().toList(), r.agentIds());
        for (Map.Entry<String, Integer> e : sizes.entrySet()) {
          List<JournalReader.Entry> events = r.events("Agent|" + e.getKey());
          assertEquals(e.getValue().intValue(), events.size(), e.getKey());
          assertEquals(e.getValue().longValue(), events.get(events.size() - 1).sequenceNr(), e.getKey());
        }
        r.audit().values().forEach(v -> assertEquals(JournalAudit.Sound.class, v.getClass(), v.toString()));
      }
    });
  }
}
