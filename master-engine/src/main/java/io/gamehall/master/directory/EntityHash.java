package io.gamehall.master.directory;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The version 2 state hash of one user or instance, and the mixing steps it is built of. The
 * directories keep the sum of their entities' hashes up to date in every method that changes
 * an entity, so the engine's state hash costs nothing per user or instance when it is asked
 * for (at every snapshot and journal checkpoint) instead of a pass over a million entities.
 * The formulas are those recorded hashes were made with: never change them.
 */
public final class EntityHash
{
    private static final long USER_SEED = 0x7573_6572_7373_7332L;
    private static final long INSTANCE_SEED = 0x696E_7374_616E_6332L;

    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private EntityHash()
    {
    }

    /**
     * @param u a user.
     * @return its hash: id, state, gateway, instance, check-in time and name.
     */
    public static long user(final User u)
    {
        long h = mix(USER_SEED, u.id);
        h = mix(h, u.state.value());
        h = mix(h, u.gatewayId);
        h = mix(h, u.instanceId);
        h = mix(h, u.checkInTime);
        return finish(mix(h, u.name, u.nameLength));
    }

    /**
     * @param i an instance.
     * @return its hash: every field but the slot, then the players in seat order.
     */
    public static long instance(final Instance i)
    {
        long h = mix(INSTANCE_SEED, i.id);
        h = mix(h, i.gameType);
        h = mix(h, i.state.value());
        h = mix(h, i.resumeState.value());
        h = mix(h, i.hostId);
        h = mix(h, i.ownerId);
        h = mix(h, i.maxPlayers);
        h = mix(h, i.region);
        h = mix(h, i.mode);
        h = mix(h, i.ratingBand);
        h = mix(h, i.createdTime);
        h = mix(h, i.playerCount);
        for (int seat = 0; seat < i.playerCount; seat++)
        {
            h = mix(h, i.players[seat]);
        }
        return finish(h);
    }

    /**
     * Fold one value into a hash.
     *
     * @param hash  so far.
     * @param value to fold in.
     * @return the new hash.
     */
    public static long mix(final long hash, final long value)
    {
        long v = value * 0xBF58476D1CE4E5B9L;
        v ^= v >>> 31;
        return Long.rotateLeft(hash ^ v, 27) * 0x94D049BB133111EBL + 0x9E3779B97F4A7C15L;
    }

    /**
     * Fold the length, then the bytes eight at a time (little-endian words, the last one padded
     * with zeros: bytes past the length are never read into the hash, whatever the array holds
     * there).
     *
     * @param hash   so far.
     * @param bytes  holding the text.
     * @param length of the text.
     * @return the new hash.
     */
    public static long mix(final long hash, final byte[] bytes, final int length)
    {
        long h = mix(hash, length);
        int i = 0;
        for (; i + Long.BYTES <= length; i += Long.BYTES)
        {
            h = mix(h, (long)LONG_LE.get(bytes, i));
        }
        final int rest = length - i;
        if (rest > 0)
        {
            final long mask = -1L >>> (Long.SIZE - Byte.SIZE * rest);
            long word = 0;
            if (i + Long.BYTES <= bytes.length)
            {
                word = (long)LONG_LE.get(bytes, i) & mask;
            }
            else
            {
                for (int b = length - 1; b >= i; b--)
                {
                    word = (word << 8) | (bytes[b] & 0xFFL);
                }
            }
            h = mix(h, word);
        }
        return h;
    }

    /**
     * The MurmurHash3 64-bit finaliser: every input bit reaches every output bit, so entity
     * hashes added up do not cancel by structure.
     *
     * @param hash to finish.
     * @return the finished hash.
     */
    public static long finish(final long hash)
    {
        long h = hash;
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return h;
    }
}
