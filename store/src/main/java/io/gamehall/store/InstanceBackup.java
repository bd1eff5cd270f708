package io.gamehall.store;

/**
 * The latest saved state of a running game instance, from which another game host can resume it.
 *
 * @param instanceId  the instance.
 * @param version     increases with every save; a save never replaces a higher version.
 * @param savedTimeMs when the store wrote it, ms since the epoch.
 * @param state       the game's own encoding of its state; the store does not interpret it.
 */
public record InstanceBackup(long instanceId, long version, long savedTimeMs, byte[] state)
{
}
