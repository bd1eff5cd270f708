package io.gamehall.matchmaker;

/**
 * A 64-bit hash of a partition's whole state: its queue and range, its clock, its match id
 * generator and every waiting ticket with its members. Each ticket is hashed on its own and the
 * ticket hashes are added up, so the hash depends only on the data, never on slot numbers or
 * the order tickets are walked in: two engines that applied the same commands, or an engine and
 * one loaded from its snapshot, hash equal. The mixing is that of the master's state hash
 * (version 2).
 */
final class PartitionStateHash
{
    private static final long SEED = 0x6D61_7463_6868_6173L;
    private static final long TICKET_SEED = 0x7469_636B_6574_7331L;

    private PartitionStateHash()
    {
    }

    static long of(final PartitionEngine engine)
    {
        final TicketTable tickets = engine.tickets;
        long ticketSum = 0;
        for (int s = engine.waiting.oldest(); s != TicketTable.NONE; s = engine.waiting.next(s))
        {
            ticketSum += ticketHash(tickets, s);
        }
        long h = mix(SEED, 1);
        h = mix(h, engine.queueId);
        h = mix(h, engine.lower);
        h = mix(h, engine.upper);
        h = mix(h, engine.now);
        h = mix(h, engine.nextMatchId);
        h = mix(h, tickets.size());
        h = mix(h, ticketSum);
        return finish(h);
    }

    private static long ticketHash(final TicketTable tickets, final int slot)
    {
        long h = mix(TICKET_SEED, tickets.ticketId(slot));
        h = mix(h, tickets.created(slot));
        h = mix(h, tickets.region(slot));
        h = mix(h, tickets.rating(slot));
        h = mix(h, tickets.partySize(slot));
        for (int m = 0; m < tickets.partySize(slot); m++)
        {
            h = mix(h, tickets.memberUser(slot, m));
            h = mix(h, tickets.memberRating(slot, m));
        }
        return finish(h);
    }

    private static long mix(final long hash, final long value)
    {
        long v = value * 0xBF58476D1CE4E5B9L;
        v ^= v >>> 31;
        return Long.rotateLeft(hash ^ v, 27) * 0x94D049BB133111EBL + 0x9E3779B97F4A7C15L;
    }

    /**
     * The MurmurHash3 64-bit finaliser: every input bit reaches every output bit, so ticket
     * hashes added up do not cancel by structure.
     */
    private static long finish(final long hash)
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
