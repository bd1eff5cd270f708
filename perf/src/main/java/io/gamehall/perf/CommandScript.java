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
 * Entries lie one after the other in {@link #buffer()}, so that playing the script reads one
 * sequential stream: an 8-byte entry header (the command's length at {@link #LENGTH_OFFSET};
 * at {@link #INFO_OFFSET} the client session that sends it and its part in a create/end pair),
 * then the encoded command, padded to 8 bytes. A CreateInstance entry and the InstanceEnded
 * entry that ends the instance it creates share a pair number; that entry's host, instance
 * and client are only known once the create has run, and are patched in by the
 * {@link ScriptPlayer} just before it is applied.
 * <p>
 * Searches come in five variants, in turn: the first page of OPEN instances of a game type
 * with a free seat (40%), the same filtered by region (20%) or by region and rating band
 * (10%), a later page from a cursor (20%), and the first page of RUNNING instances (10%);
 * pages hold up to 10 instances. Lookups walk all instances of the population in a
 * scattered order. Game types of searches and creates rotate over all four.
 */
final class CommandScript
{
    /** Blocks in one cycle: 100,000 commands. */
    static final int BLOCKS = 1_000;
    /** Results asked for by a search. */
    static final int SEARCH_PAGE = 10;
    /** Bytes before each command: its length, then its info. */
    static final int ENTRY_HEADER = 8;
    /** Offset in an entry of the command's length (int). */
    static final int LENGTH_OFFSET = 0;
    /** Offset in an entry of its info (int): client session, flags and pair number. */
    static final int INFO_OFFSET = 4;
    /** Info bits of the client session that sends the command. */
    static final int CLIENT_MASK = 0xFFFF;
    /** Info flag: a CreateInstance whose result the matching InstanceEnded needs. */
    static final int CREATES = 1 << 16;
    /** Info flag: an InstanceEnded to patch with the result of the matching CreateInstance. */
    static final int ENDS = 1 << 17;
    /** Info shift of the pair number shared by a create and its end (below {@link Mix#BLOCK}). */
    static final int PAIR_SHIFT = 18;

    private static final int ENTRY_ALIGNMENT = 8;
    private static final int MAX_ENTRY_LENGTH = 128;
    private static final int LOOKUP_STRIDE = 7_919;
    private static final int SEARCH_VARIANTS = 10;
    private static final int NONE = -1;

    private static final int HEARTBEAT = 1;
    private static final int SEARCH = 2;
    private static final int LOOKUP = 3;
    private static final int JOIN_LEAVE = 4;
    private static final int CHECK_OUT_IN = 5;
    private static final int CREATE_END = 6;
    private static final int KIND_SHIFT = 16;
    private static final int PAIR_MASK = (1 << KIND_SHIFT) - 1;

    private final UnsafeBuffer buffer;
    private final int size;

    private CommandScript(final UnsafeBuffer buffer, final int size)
    {
        this.buffer = buffer;
        this.size = size;
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

    /**
     * @return number of entries (commands) in one cycle.
     */
    int size()
    {
        return size;
    }

    /**
     * @return the entries, back to back from offset 0 to the buffer's capacity; request ids and
     *     the ids of InstanceEnded entries are patched in place.
     */
    UnsafeBuffer buffer()
    {
        return buffer;
    }

    /**
     * @param offset where an entry starts.
     * @param length the length of its command.
     * @return where the next entry starts; the capacity of {@link #buffer()} after the last one.
     */
    static int nextEntry(final int offset, final int length)
    {
        return offset + ENTRY_HEADER + ((length + ENTRY_ALIGNMENT - 1) & -ENTRY_ALIGNMENT);
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
            if (Population.SERVERS > CLIENT_MASK + 1)
            {
                throw new IllegalStateException("client sessions do not fit an entry's info: " + Population.SERVERS);
            }
            out = new UnsafeBuffer(new byte[size * (ENTRY_HEADER + MAX_ENTRY_LENGTH)]);
        }

        CommandScript build()
        {
            while (entry < size)
            {
                block();
            }
            final UnsafeBuffer trimmed = new UnsafeBuffer(new byte[position]);
            trimmed.putBytes(0, out, 0, position);
            return new CommandScript(trimmed, size);
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
            add(client, writer.heartbeat(out, position + ENTRY_HEADER, client, serverId, load));
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
                    length = writer.search(out, position + ENTRY_HEADER, client, gameType, InstanceState.OPEN, 0, 0, 1, SEARCH_PAGE, 0);
                    break;
                case 4:
                case 5:
                    length = writer.search(out, position + ENTRY_HEADER, client, gameType, InstanceState.OPEN, region, 0, 1, SEARCH_PAGE, 0);
                    break;
                case 6:
                    length = writer.search(
                        out, position + ENTRY_HEADER, client, gameType, InstanceState.OPEN, region, band, 1, SEARCH_PAGE, 0);
                    break;
                case 7:
                case 8:
                {
                    final int from = (int)((long)c * LOOKUP_STRIDE % (Population.INSTANCES * 9L / 10));
                    final long cursor = population.instanceId(from);
                    length = writer.search(
                        out, position + ENTRY_HEADER, client, gameType, InstanceState.OPEN, 0, 0, 1, SEARCH_PAGE, cursor);
                    break;
                }
                default:
                    length = writer.search(out, position + ENTRY_HEADER, client, gameType, InstanceState.RUNNING, 0, 0, 0, SEARCH_PAGE, 0);
            }
            add(client, length);
        }

        private void lookup()
        {
            final int c = lookups++;
            final int client = c % Population.GATEWAYS;
            final long instanceId = population.instanceId((int)((long)c * LOOKUP_STRIDE % Population.INSTANCES));
            add(client, writer.getInstance(out, position + ENTRY_HEADER, client, instanceId));
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
                writer.join(out, position + ENTRY_HEADER, client, userId, pairInstance[pair]) :
                writer.leave(out, position + ENTRY_HEADER, client, userId, pairInstance[pair]));
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
                writer.checkOut(out, position + ENTRY_HEADER, client, gatewayId, Population.userId(user)) :
                writer.checkIn(out, position + ENTRY_HEADER, client, gatewayId, Population.userId(user), Population.userName(user)));
        }

        private void createOrEnd(final int pair, final boolean first)
        {
            if (first)
            {
                final int c = creates++;
                final int owner = Population.FIRST_OWNER_POOL + c % Population.OWNER_POOL;
                final int client = Population.gatewayClientOf(owner);
                pairEntry[pair] = entry;
                add(client | CREATES | pair << PAIR_SHIFT, writer.createInstance(out, position + ENTRY_HEADER, client,
                    Population.userId(owner), Population.gameTypeOf(c), Population.OPEN_MAX_PLAYERS, Population.regionOf(c),
                    Population.modeOf(c), Population.ratingBandOf(c)));
            }
            else
            {
                add(ENDS | pair << PAIR_SHIFT, writer.instanceEnded(out, position + ENTRY_HEADER, 0, 0, 0));
            }
        }

        /**
         * Complete the entry whose command was just written after its header.
         *
         * @param info   client session, with {@link #CREATES} or {@link #ENDS} and a pair number.
         * @param length of the command.
         */
        private void add(final int info, final int length)
        {
            if (length > MAX_ENTRY_LENGTH)
            {
                throw new IllegalStateException("command longer than " + MAX_ENTRY_LENGTH + ": " + length);
            }
            out.putInt(position + LENGTH_OFFSET, length);
            out.putInt(position + INFO_OFFSET, info);
            entry++;
            position = nextEntry(position, length);
        }
    }
}
