package io.gamehall.perf;

import io.gamehall.sbe.master.InstanceState;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.Arrays;
import java.util.Random;

/**
 * A cyclic script of pre-encoded SBE commands over a {@link Population}, built once at set-up
 * from a {@link Mix}. Played from start to end and again, it leaves the directories as it
 * found them after each cycle (and within one block of 100 commands at any time), so it can
 * run for as long as a benchmark lasts.
 * <p>
 * Each entry is one encoded command in {@link #buffer()} plus the client session that sends
 * it. A CreateInstance entry is linked to the InstanceEnded entry that ends the instance it
 * creates; that entry's host, instance and client are only known once the create has run,
 * and are patched in then by the {@link ScriptPlayer}.
 * <p>
 * Searches come in five variants, in turn: the first page of OPEN instances of a game type
 * with a free seat (40%), the same filtered by region (20%) or by region and rating band
 * (10%), a later page from a cursor (20%), and the first page of RUNNING instances (10%);
 * pages hold up to 10 instances. Lookups walk all instances of the population in a
 * scattered order. Game types of searches and creates rotate over all four.
 */
final class CommandScript
{
    /** Value of {@link #endedBy(int)} for entries that are not a CreateInstance. */
    static final int NONE = -1;
    /** Blocks in one cycle: 100,000 commands. */
    static final int BLOCKS = 1_000;
    /** Results asked for by a search. */
    static final int SEARCH_PAGE = 10;

    private static final int ENTRY_ALIGNMENT = 8;
    private static final int MAX_ENTRY_LENGTH = 128;
    private static final int LOOKUP_STRIDE = 7_919;
    private static final int SEARCH_VARIANTS = 10;

    private static final int HEARTBEAT = 1;
    private static final int SEARCH = 2;
    private static final int LOOKUP = 3;
    private static final int JOIN_LEAVE = 4;
    private static final int CHECK_OUT_IN = 5;
    private static final int CREATE_END = 6;
    private static final int KIND_SHIFT = 16;
    private static final int PAIR_MASK = (1 << KIND_SHIFT) - 1;

    private final UnsafeBuffer buffer;
    private final int[] offsets;
    private final int[] lengths;
    private final int[] clients;
    private final int[] endedBy;
    private final int size;

    private CommandScript(
        final UnsafeBuffer buffer,
        final int[] offsets,
        final int[] lengths,
        final int[] clients,
        final int[] endedBy)
    {
        this.buffer = buffer;
        this.offsets = offsets;
        this.lengths = lengths;
        this.clients = clients;
        this.endedBy = endedBy;
        size = offsets.length;
    }

    /**
     * @param population the state the script runs on.
     * @param mix        what each block of 100 commands holds.
     * @param blocks     blocks in one cycle.
     * @param seed       for the order of commands within a block.
     * @return the script.
     */
    static CommandScript build(final Population population, final Mix mix, final int blocks, final long seed)
    {
        return new Builder(population, mix, blocks, seed).build();
    }

    int size()
    {
        return size;
    }

    /**
     * @return the encoded commands; request ids and the ids of InstanceEnded entries are patched in place.
     */
    UnsafeBuffer buffer()
    {
        return buffer;
    }

    int offset(final int entry)
    {
        return offsets[entry];
    }

    int length(final int entry)
    {
        return lengths[entry];
    }

    /**
     * @return index of the client session sending the entry.
     */
    int client(final int entry)
    {
        return clients[entry];
    }

    /**
     * Change the client session sending an entry; its clientId in the buffer must be changed too.
     */
    void client(final int entry, final int client)
    {
        clients[entry] = client;
    }

    /**
     * @return for a CreateInstance entry, the InstanceEnded entry that ends its instance; else {@link #NONE}.
     */
    int endedBy(final int entry)
    {
        return endedBy[entry];
    }

    /** Lays the commands of one cycle out, block by block, advancing one cursor per kind of command. */
    private static final class Builder
    {
        private final Population population;
        private final Mix mix;
        private final Random random;
        private final int size;
        private final CommandWriter writer = new CommandWriter();
        private final UnsafeBuffer out;
        private final int[] offsets;
        private final int[] lengths;
        private final int[] clients;
        private final int[] endedBy;
        private final int[] tokens = new int[Mix.BLOCK];
        private final int[] pairUser = new int[Mix.BLOCK];
        private final long[] pairInstance = new long[Mix.BLOCK];
        private final int[] pairEntry = new int[Mix.BLOCK];
        private int entry;
        private int position;
        private int heartbeats;
        private int searches;
        private int lookups;
        private int joins;
        private int checkOuts;
        private int creates;

        Builder(final Population population, final Mix mix, final int blocks, final long seed)
        {
            this.population = population;
            this.mix = mix;
            random = new Random(seed);
            size = blocks * Mix.BLOCK;
            out = new UnsafeBuffer(new byte[size * MAX_ENTRY_LENGTH]);
            offsets = new int[size];
            lengths = new int[size];
            clients = new int[size];
            endedBy = new int[size];
            Arrays.fill(endedBy, NONE);
        }

        CommandScript build()
        {
            while (entry < size)
            {
                block();
            }
            final UnsafeBuffer trimmed = new UnsafeBuffer(new byte[position]);
            trimmed.putBytes(0, out, 0, position);
            return new CommandScript(trimmed, offsets, lengths, clients, endedBy);
        }

        private void block()
        {
            int t = 0;
            t = addTokens(t, HEARTBEAT, mix.heartbeats, 1);
            t = addTokens(t, SEARCH, mix.searches, 1);
            t = addTokens(t, LOOKUP, mix.lookups, 1);
            t = addTokens(t, JOIN_LEAVE, mix.joinLeavePairs, 2);
            t = addTokens(t, CHECK_OUT_IN, mix.checkOutInPairs, 2);
            addTokens(t, CREATE_END, mix.createEndPairs, 2);
            for (int i = tokens.length - 1; i > 0; i--)
            {
                final int j = random.nextInt(i + 1);
                final int swap = tokens[i];
                tokens[i] = tokens[j];
                tokens[j] = swap;
            }

            Arrays.fill(pairEntry, NONE);
            for (final int token : tokens)
            {
                final int kind = token >>> KIND_SHIFT;
                final int pair = token & PAIR_MASK;
                final boolean first = pairEntry[pair] == NONE;
                switch (kind)
                {
                    case HEARTBEAT:
                        heartbeat();
                        break;
                    case SEARCH:
                        search();
                        break;
                    case LOOKUP:
                        lookup();
                        break;
                    case JOIN_LEAVE:
                        joinOrLeave(pair, first);
                        break;
                    case CHECK_OUT_IN:
                        checkOutOrIn(pair, first);
                        break;
                    case CREATE_END:
                        createOrEnd(pair, first);
                        break;
                    default:
                        throw new IllegalStateException("kind " + kind);
                }
            }
        }

        /**
         * Add {@code count} tokens of a kind, or {@code count} pairs of two tokens; a token holds
         * its kind and a number, the same for both tokens of a pair.
         */
        private int addTokens(final int from, final int kind, final int count, final int perItem)
        {
            int t = from;
            for (int i = 0; i < count; i++)
            {
                final int pair = t;
                for (int k = 0; k < perItem; k++)
                {
                    tokens[t++] = (kind << KIND_SHIFT) | pair;
                }
            }
            return t;
        }

        private void heartbeat()
        {
            final int client = heartbeats++ % Population.SERVERS;
            final int load = client < Population.GATEWAYS ? Population.GATEWAY_LOAD : Population.HOST_LOAD;
            final long serverId = population.serverIdOf(client);
            add(client, writer.heartbeat(out, position, client, serverId, load));
        }

        private void search()
        {
            final int c = searches++;
            final int client = c % Population.GATEWAYS;
            final int gameType = 1 + (c / SEARCH_VARIANTS) % Population.GAME_TYPES;
            final int region = 1 + (c / (SEARCH_VARIANTS * Population.GAME_TYPES)) % Population.REGIONS;
            final int band = 1 + (c / (SEARCH_VARIANTS * Population.GAME_TYPES * Population.REGIONS)) %
                Population.RATING_BANDS;
            final int length;
            switch (c % SEARCH_VARIANTS)
            {
                case 0:
                case 1:
                case 2:
                case 3:
                    length = writer.search(out, position, client, gameType, InstanceState.OPEN, 0, 0, 1, SEARCH_PAGE, 0);
                    break;
                case 4:
                case 5:
                    length = writer.search(out, position, client, gameType, InstanceState.OPEN, region, 0, 1, SEARCH_PAGE, 0);
                    break;
                case 6:
                    length = writer.search(
                        out, position, client, gameType, InstanceState.OPEN, region, band, 1, SEARCH_PAGE, 0);
                    break;
                case 7:
                case 8:
                {
                    final int from = (int)((long)c * LOOKUP_STRIDE % (Population.INSTANCES * 9L / 10));
                    final long cursor = population.instanceId(from);
                    length = writer.search(
                        out, position, client, gameType, InstanceState.OPEN, 0, 0, 1, SEARCH_PAGE, cursor);
                    break;
                }
                default:
                    length = writer.search(out, position, client, gameType, InstanceState.RUNNING, 0, 0, 0, SEARCH_PAGE, 0);
            }
            add(client, length);
        }

        private void lookup()
        {
            final int c = lookups++;
            final int client = c % Population.GATEWAYS;
            final long instanceId = population.instanceId((int)((long)c * LOOKUP_STRIDE % Population.INSTANCES));
            add(client, writer.getInstance(out, position, client, instanceId));
        }

        private void joinOrLeave(final int pair, final boolean first)
        {
            if (first)
            {
                final int c = joins++;
                pairUser[pair] = Population.FIRST_JOIN_POOL + c % Population.JOIN_POOL;
                pairInstance[pair] = population.openInstanceId(c % population.openInstanceCount());
            }
            final int user = pairUser[pair];
            final int client = Population.gatewayClientOf(user);
            final long userId = Population.userId(user);
            pairEntry[pair] = entry;
            add(client, first ?
                writer.join(out, position, client, userId, pairInstance[pair]) :
                writer.leave(out, position, client, userId, pairInstance[pair]));
        }

        private void checkOutOrIn(final int pair, final boolean first)
        {
            if (first)
            {
                pairUser[pair] = Population.FIRST_CHECK_OUT_POOL + checkOuts++ % Population.CHECK_OUT_POOL;
            }
            final int user = pairUser[pair];
            final int client = Population.gatewayClientOf(user);
            final long gatewayId = population.gatewayIdOf(user);
            pairEntry[pair] = entry;
            add(client, first ?
                writer.checkOut(out, position, client, gatewayId, Population.userId(user)) :
                writer.checkIn(out, position, client, gatewayId, Population.userId(user), Population.userName(user)));
        }

        private void createOrEnd(final int pair, final boolean first)
        {
            if (first)
            {
                final int c = creates++;
                final int owner = Population.FIRST_OWNER_POOL + c % Population.OWNER_POOL;
                final int client = Population.gatewayClientOf(owner);
                pairEntry[pair] = entry;
                add(client, writer.createInstance(out, position, client, Population.userId(owner), Population.gameTypeOf(c),
                    Population.OPEN_MAX_PLAYERS, Population.regionOf(c), Population.modeOf(c), Population.ratingBandOf(c)));
            }
            else
            {
                endedBy[pairEntry[pair]] = entry;
                add(0, writer.instanceEnded(out, position, 0, 0, 0));
            }
        }

        private void add(final int client, final int length)
        {
            if (length > MAX_ENTRY_LENGTH)
            {
                throw new IllegalStateException("command longer than " + MAX_ENTRY_LENGTH + ": " + length);
            }
            offsets[entry] = position;
            lengths[entry] = length;
            clients[entry] = client;
            entry++;
            position += (length + ENTRY_ALIGNMENT - 1) & -ENTRY_ALIGNMENT;
        }
    }
}
