package kis.engine.journal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The running hash of a persistence id's journal: {@code h(n) = SHA-256(h(n-1) || seq || bytes(n))}
 * over each event's stored bytes, starting from 32 zero bytes. Equal hashes at the same sequence
 * number mean the journal holds byte for byte what was written: a dropped, reordered, truncated or
 * flipped event changes every hash after it.
 */
public final class EventChain {
  /** The hash of an empty journal. */
  public static final String EMPTY = HexFormat.of().formatHex(new byte[32]);

  private final MessageDigest digest;
  private byte[] hash;
  private long seq;

  private EventChain(byte[] hash, long seq) {
    try {
      this.digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JRE", e);
    }
    this.hash = hash;
    this.seq = seq;
  }

  public static EventChain empty() {
    return new EventChain(new byte[32], 0);
  }

  /** Continues a chain whose last event was {@code seq} with hash {@code hexHash}. */
  public static EventChain resume(long seq, String hexHash) {
    return new EventChain(HexFormat.of().parseHex(hexHash), seq);
  }

  /** Adds the event stored as {@code bytes} under {@code sequenceNr}. */
  public void add(long sequenceNr, byte[] bytes) {
    digest.update(hash);
    for (int i = 7; i >= 0; i--) {
      digest.update((byte) (sequenceNr >>> (8 * i)));
    }
    digest.update(bytes);
    hash = digest.digest();
    seq = sequenceNr;
  }

  public long seq() {
    return seq;
  }

  public String hex() {
    return HexFormat.of().formatHex(hash);
  }
}
