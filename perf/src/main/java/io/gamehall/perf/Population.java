package io.gamehall.perf;

import io.gamehall.master.MasterEngine;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The production-sized state the benchmarks run on, and how it is built: through real
 * commands, exactly as gateways and game hosts would build it.
 * <ul>
 *     <li>200 servers: 40 gateways and 160 game hosts; each host runs 2 of 4 game types and
 *     has room for 100 instances (16,000 in all).</li>
 *     <li>100,000 users, spread evenly over the gateways (user {@code u} on gateway {@code u % 40}).</li>
 *     <li>10,000 instances, 2,500 per game type, each created by its owner and reported ready by
 *     its host, then joined by 4 more users. 30% have 5 seats and are therefore full and RUNNING;
 *     70% have 8 seats and stay OPEN with 3 free seats. 50,000 users are seated.</li>
 *     <li>The 50,000 users in the lobby are split into disjoint pools, one per kind of paired
 *     command in the script, so that no two pairs ever touch the same user at once.</li>
 * </ul>
 * Client sessions: index 0..39 are the gateways, 40..199 the hosts. A gateway's session sends
 * the commands of its users; a host's session its heartbeats and instance reports.
 */
final class Population
{
    static final int GATEWAYS = 40;
    static final int HOSTS = 160;
    static final int SERVERS = GATEWAYS + HOSTS;
    static final int GAME_TYPES = 4;
    static final int HOST_CAPACITY = 100;
    static final int GATEWAY_CAPACITY = 5_000;
    static final int USERS = 100_000;
    static final int INSTANCES = 10_000;
    static final int JOINERS_PER_INSTANCE = 4;
    static final int FULL_MAX_PLAYERS = 1 + JOINERS_PER_INSTANCE;
    static final int OPEN_MAX_PLAYERS = 8;
    static final int REGIONS = 5;
    static final int MODES = 3;
    static final int RATING_BANDS = 10;
    static final long USER_ID_BASE = 1_000_000;
    /** Load a gateway reports: users connected. */
    static final int GATEWAY_LOAD = USERS / GATEWAYS;
    /** Load a host reports: instances running. */
    static final int HOST_LOAD = INSTANCES / HOSTS;

    /** Users [0, 10,000) own the instances; the next 40,000 sit in them. */
    static final int FIRST_SEATED_JOINER = INSTANCES;
    /** Lobby users who join and leave instances in the script. */
    static final int FIRST_JOIN_POOL = FIRST_SEATED_JOINER + INSTANCES * JOINERS_PER_INSTANCE;
    static final int JOIN_POOL = 30_000;
    /** Lobby users who check out and in again in the script. */
    static final int FIRST_CHECK_OUT_POOL = FIRST_JOIN_POOL + JOIN_POOL;
    static final int CHECK_OUT_POOL = 10_000;
    /** Lobby users who create an instance in the script, ended soon after by its host. */
    static final int FIRST_OWNER_POOL = FIRST_CHECK_OUT_POOL + CHECK_OUT_POOL;
    static final int OWNER_POOL = USERS - FIRST_OWNER_POOL;

    private final long[] serverIdOfClient = new long[SERVERS];
    private final long[] instanceIds = new long[INSTANCES];
    private final long[] openInstanceIds;
    private int openInstanceCount;

    private Population()
    {
        int open = 0;
        for (int k = 0; k < INSTANCES; k++)
        {
            open += maxPlayersOf(k) == OPEN_MAX_PLAYERS ? 1 : 0;
        }
        openInstanceIds = new long[open];
    }

    /**
     * Build the population in an empty engine.
     *
     * @return the ids the engine gave out.
     * @throws IllegalStateException when any command was rejected or a directory has the wrong size.
     */
    static Population populate(final EngineHarness harness)
    {
        final Population population = new Population();
        population.build(harness, new CommandWriter(), new UnsafeBuffer(new byte[4096]));
        return population;
    }

    static long userId(final int user)
    {
        return USER_ID_BASE + user;
    }

    static String userName(final int user)
    {
        return "player" + user;
    }

    /**
     * @return the client index of the gateway a user is attached to.
     */
    static int gatewayClientOf(final int user)
    {
        return user % GATEWAYS;
    }

    /** Game type of the k-th instance; also used for instances the script creates. */
    static int gameTypeOf(final int k)
    {
        return 1 + k % GAME_TYPES;
    }

    /**
     * Seats of the k-th instance: 5 (to be filled: RUNNING) for about 30% of them, picked by a
     * multiplicative hash so that the choice does not follow game type, region or rating band.
     */
    static int maxPlayersOf(final int k)
    {
        return ((k * 0x9E3779B9) >>> 24) % 10 < 3 ? FULL_MAX_PLAYERS : OPEN_MAX_PLAYERS;
    }

    static int regionOf(final int k)
    {
        return 1 + (k / GAME_TYPES) % REGIONS;
    }

    static int modeOf(final int k)
    {
        return 1 + (k / (GAME_TYPES * REGIONS)) % MODES;
    }

    static int ratingBandOf(final int k)
    {
        return 1 + (k / (GAME_TYPES * REGIONS * MODES)) % RATING_BANDS;
    }

    /**
     * @param client a client index.
     * @return the id of the server whose session that client is.
     */
    long serverIdOf(final int client)
    {
        return serverIdOfClient[client];
    }

    /**
     * @param user a user index.
     * @return the id of the gateway the user is attached to.
     */
    long gatewayIdOf(final int user)
    {
        return serverIdOfClient[gatewayClientOf(user)];
    }

    /**
     * @param k index of an instance of the population, 0..{@link #INSTANCES}.
     * @return its id.
     */
    long instanceId(final int k)
    {
        return instanceIds[k];
    }

    /**
     * @return how many instances are OPEN with free seats.
     */
    int openInstanceCount()
    {
        return openInstanceCount;
    }

    /**
     * @param i index among the OPEN instances.
     * @return that instance's id.
     */
    long openInstanceId(final int i)
    {
        return openInstanceIds[i];
    }

    /**
     * Throw unless the engine's directories have exactly the population's sizes.
     */
    static void requireSizes(final MasterEngine engine)
    {
        final int servers = engine.servers().size();
        final int users = engine.users().size();
        final int instances = engine.instances().size();
        if (servers != SERVERS || users != USERS || instances != INSTANCES)
        {
            throw new IllegalStateException("directories drifted: servers=" + servers + " users=" + users +
                " instances=" + instances + ", expected " + SERVERS + '/' + USERS + '/' + INSTANCES);
        }
    }

    private void build(final EngineHarness harness, final CommandWriter writer, final UnsafeBuffer buffer)
    {
        final BenchmarkOutput output = harness.output();
        for (int g = 0; g < GATEWAYS; g++)
        {
            final int client = g;
            harness.apply(buffer, 0, writer.registerGateway(buffer, 0, client, GATEWAY_CAPACITY,
                String.format("gw-%02d", g), String.format("ws://10.0.0.%d:8080/game", 1 + g)), client);
            bind(harness, client, output.lastSubjectId());
        }
        for (int h = 0; h < HOSTS; h++)
        {
            final int client = GATEWAYS + h;
            final int[] gameTypes = {1 + h % GAME_TYPES, 1 + (h + 1) % GAME_TYPES};
            harness.apply(buffer, 0, writer.registerHost(buffer, 0, client, HOST_CAPACITY, gameTypes,
                String.format("host-%03d", h), String.format("aeron:udp?endpoint=10.0.1.%d:40001", 1 + h)), client);
            bind(harness, client, output.lastSubjectId());
        }

        for (int u = 0; u < USERS; u++)
        {
            harness.apply(buffer, 0,
                writer.checkIn(buffer, 0, gatewayClientOf(u), gatewayIdOf(u), userId(u), userName(u)), gatewayClientOf(u));
        }

        for (int k = 0; k < INSTANCES; k++)
        {
            harness.apply(buffer, 0, writer.createInstance(buffer, 0, gatewayClientOf(k), userId(k), gameTypeOf(k),
                maxPlayersOf(k), regionOf(k), modeOf(k), ratingBandOf(k)), gatewayClientOf(k));
            final long instanceId = output.lastSubjectId();
            final long hostId = output.lastDetailId();
            instanceIds[k] = instanceId;
            final int hostClient = harness.clientOfServer(hostId);
            harness.apply(buffer, 0, writer.instanceReady(buffer, 0, hostClient, hostId, instanceId), hostClient);
            for (int j = 0; j < JOINERS_PER_INSTANCE; j++)
            {
                final int user = FIRST_SEATED_JOINER + k * JOINERS_PER_INSTANCE + j;
                harness.apply(buffer, 0,
                    writer.join(buffer, 0, gatewayClientOf(user), userId(user), instanceId), gatewayClientOf(user));
            }
            if (maxPlayersOf(k) == OPEN_MAX_PLAYERS)
            {
                openInstanceIds[openInstanceCount++] = instanceId;
            }
        }

        if (output.rejections() != 0)
        {
            throw new IllegalStateException(output.rejections() + " command(s) of the population were rejected");
        }
        requireSizes(harness.engine());
    }

    private void bind(final EngineHarness harness, final int client, final long serverId)
    {
        serverIdOfClient[client] = serverId;
        harness.bindServer(serverId, client);
    }
}
