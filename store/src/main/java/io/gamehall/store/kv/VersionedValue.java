package io.gamehall.store.kv;

/**
 * A stored value and its CAS: an opaque number that changes with every write of the key, handed
 * back to {@link KeyValueBackend#replace} so that the write only happens if nobody wrote between.
 *
 * @param value the stored bytes (not copied: do not change them).
 * @param cas   the value's CAS, always positive.
 */
public record VersionedValue(byte[] value, long cas)
{
}
