package kis.journal;

/**
 * Marker for everything Pekko serializes with Jackson CBOR: journal events, snapshots, and
 * messages that cross the wire. Bound in {@code reference.conf}; nothing here uses Java
 * serialization.
 */
public interface JournalSerializable {}
