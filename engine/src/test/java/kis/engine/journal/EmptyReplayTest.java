package kis.engine.journal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class EmptyReplayTest {
  @Test
  void aRecoveryFromPastTheHighestNumberHasNothingToReplay() {
    assertTrue(EmptyReplay.nothingToReplay(10_001, Long.MAX_VALUE, 10_000));
    assertTrue(EmptyReplay.nothingToReplay(1, Long.MAX_VALUE, 0));
  }

  @Test
  void aRecoveryUpToNothingHasNothingToReplay() {
    assertTrue(EmptyReplay.nothingToReplay(1, 0, 5));
    assertTrue(EmptyReplay.nothingToReplay(4, 3, 5));
  }

  @Test
  void aRecoveryReachingAnEventReplaysIt() {
    assertFalse(EmptyReplay.nothingToReplay(5, Long.MAX_VALUE, 5));
    assertFalse(EmptyReplay.nothingToReplay(1, 1, 5));
    assertFalse(EmptyReplay.nothingToReplay(3, 4, 10));
  }

  @Test
  void aFailedReadIsToldAsItsOwnCause() {
    IllegalStateException read = new IllegalStateException("lost tail");
    assertSame(read, EmptyReplay.cause(new CompletionException(read)));
    assertSame(read, EmptyReplay.cause(read));
  }
}
