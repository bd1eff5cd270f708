package io.gamehall.master;

import io.gamehall.master.directory.Instance;
import io.gamehall.master.directory.InstanceDirectory;
import io.gamehall.master.directory.Server;
import io.gamehall.master.directory.ServerDirectory;
import io.gamehall.master.directory.User;
import io.gamehall.master.directory.UserDirectory;
import io.gamehall.sbe.master.InstanceState;
import io.gamehall.sbe.master.ResultCode;

/**
 * The read-only commands: {@code SearchInstances}, {@code GetInstance}, {@code ListServers},
 * {@code GetUser}, {@code ListUsers}, {@code ListInstances}. They change nothing and are not
 * remembered by the exactly-once memory: each is answered with its own kind of response, a
 * refusal too (an empty page or info carrying the code).
 * <p>
 * A listing cursor is the slot to go on from plus one, so that 0 can mean "from the start" in a
 * request and "complete" in a response; {@code ListServers} goes by id instead.
 */
final class Queries
{
    private final EngineConfig config;
    private final ServerDirectory servers;
    private final UserDirectory users;
    private final InstanceDirectory instances;
    private final EgressPublisher egress;
    private final Instance[] instanceScratch = new Instance[EngineConfig.MAX_SEARCH_RESULTS];
    private final Server[] serverScratch = new Server[EngineConfig.MAX_SEARCH_RESULTS];
    private final User[] userScratch = new User[EngineConfig.MAX_SEARCH_RESULTS];

    /**
     * @param config    how many index entries one search may examine.
     * @param servers   the server directory.
     * @param users     the user directory.
     * @param instances the instance directory.
     * @param egress    where the answers go.
     */
    Queries(
        final EngineConfig config,
        final ServerDirectory servers,
        final UserDirectory users,
        final InstanceDirectory instances,
        final EgressPublisher egress)
    {
        this.config = config;
        this.servers = servers;
        this.users = users;
        this.instances = instances;
        this.egress = egress;
    }

    /**
     * One page of instances of a game type and state, with optional filters.
     *
     * @param clientId     client id of the query.
     * @param requestId    request id of the query.
     * @param gameType     the game type.
     * @param state        the state, or null when the wire value is none of them.
     * @param region       0 for any.
     * @param mode         0 for any.
     * @param ratingBand   0 for any.
     * @param minOpenSeats the fewest free seats an instance must have.
     * @param maxResults   page size, 1..{@link EngineConfig#MAX_SEARCH_RESULTS}.
     * @param cursor       0 to start, else the previous page's next cursor.
     */
    void onSearchInstances(
        final long clientId,
        final long requestId,
        final int gameType,
        final InstanceState state,
        final int region,
        final int mode,
        final int ratingBand,
        final int minOpenSeats,
        final int maxResults,
        final long cursor)
    {
        if (state == null)
        {
            egress.searchResult(clientId, requestId, ResultCode.INVALID_ENUM_VALUE, 0, instanceScratch, 0);
            return;
        }
        if (gameType < 1 || gameType > EngineConfig.MAX_GAME_TYPE || maxResults < 1 ||
            maxResults > EngineConfig.MAX_SEARCH_RESULTS || cursor < 0)
        {
            egress.searchResult(clientId, requestId, ResultCode.INVALID_VALUE, 0, instanceScratch, 0);
            return;
        }

        final int found = instances.search(
            gameType, state, region, mode, ratingBand, minOpenSeats, cursor, maxResults, config.maxSearchExamined(),
            instanceScratch);
        final long nextCursor = instances.searchCursor();
        egress.searchResult(clientId, requestId, ResultCode.OK, nextCursor, instanceScratch, found);
        clear(instanceScratch, found);
    }

    /**
     * One instance, with its players.
     *
     * @param clientId   client id of the query.
     * @param requestId  request id of the query.
     * @param instanceId the instance.
     */
    void onGetInstance(final long clientId, final long requestId, final long instanceId)
    {
        final Instance instance = instances.get(instanceId);
        if (instance == null)
        {
            egress.instanceInfo(clientId, requestId, ResultCode.UNKNOWN_INSTANCE, null);
            return;
        }
        egress.instanceInfo(clientId, requestId, ResultCode.OK, instance);
    }

    /**
     * One page of servers in id order.
     *
     * @param clientId   client id of the query.
     * @param requestId  request id of the query.
     * @param cursor     the lowest id to list, 0 to start.
     * @param maxResults page size, 1..{@link EngineConfig#MAX_SEARCH_RESULTS}.
     */
    void onListServers(final long clientId, final long requestId, final long cursor, final int maxResults)
    {
        if (cursor < 0 || maxResults < 1 || maxResults > EngineConfig.MAX_SEARCH_RESULTS)
        {
            egress.serverList(clientId, requestId, ResultCode.INVALID_VALUE, 0, serverScratch, 0);
            return;
        }
        int found = 0;
        Server server = servers.ceiling(cursor);
        while (server != null && found < maxResults)
        {
            serverScratch[found++] = server;
            server = servers.next(server);
        }
        final long nextCursor = server == null ? 0 : server.id();
        egress.serverList(clientId, requestId, ResultCode.OK, nextCursor, serverScratch, found);
        clear(serverScratch, found);
    }

    /**
     * One user, by id, or by name when the id is 0.
     *
     * @param clientId   client id of the query.
     * @param requestId  request id of the query.
     * @param userId     the user, or 0.
     * @param name       the user name's bytes; the length is at most {@link User#MAX_NAME_LENGTH}.
     * @param nameLength their count.
     */
    void onGetUser(
        final long clientId, final long requestId, final long userId, final byte[] name, final int nameLength)
    {
        final User user = userId != 0 ? users.get(userId) : users.findByName(name, nameLength);
        if (user == null)
        {
            egress.userInfo(clientId, requestId, ResultCode.UNKNOWN_USER, null);
            return;
        }
        egress.userInfo(clientId, requestId, ResultCode.OK, user);
    }

    /**
     * One page of checked-in users in slot order.
     *
     * @param clientId   client id of the query.
     * @param requestId  request id of the query.
     * @param cursor     0 to start, else the previous page's next cursor.
     * @param maxResults page size, 1..{@link EngineConfig#MAX_SEARCH_RESULTS}.
     */
    void onListUsers(final long clientId, final long requestId, final long cursor, final int maxResults)
    {
        if (cursor < 0 || cursor > users.capacity() || maxResults < 1 || maxResults > EngineConfig.MAX_SEARCH_RESULTS)
        {
            egress.userList(clientId, requestId, ResultCode.INVALID_VALUE, 0, userScratch, 0);
            return;
        }
        int found = 0;
        User user = users.atOrAfterSlot(slotOfCursor(cursor));
        while (user != null && found < maxResults)
        {
            userScratch[found++] = user;
            user = users.atOrAfterSlot(user.slot() + 1);
        }
        final long nextCursor = user == null ? 0 : cursorOfSlot(user.slot());
        egress.userList(clientId, requestId, ResultCode.OK, nextCursor, userScratch, found);
        clear(userScratch, found);
    }

    /**
     * One page of live instances in slot order.
     *
     * @param clientId   client id of the query.
     * @param requestId  request id of the query.
     * @param cursor     0 to start, else the previous page's next cursor.
     * @param maxResults page size, 1..{@link EngineConfig#MAX_SEARCH_RESULTS}.
     */
    void onListInstances(final long clientId, final long requestId, final long cursor, final int maxResults)
    {
        if (cursor < 0 || cursor > instances.capacity() || maxResults < 1 ||
            maxResults > EngineConfig.MAX_SEARCH_RESULTS)
        {
            egress.instanceList(clientId, requestId, ResultCode.INVALID_VALUE, 0, instanceScratch, 0);
            return;
        }
        int found = 0;
        Instance instance = instances.atOrAfterSlot(slotOfCursor(cursor));
        while (instance != null && found < maxResults)
        {
            instanceScratch[found++] = instance;
            instance = instances.atOrAfterSlot(instance.slot() + 1);
        }
        final long nextCursor = instance == null ? 0 : cursorOfSlot(instance.slot());
        egress.instanceList(clientId, requestId, ResultCode.OK, nextCursor, instanceScratch, found);
        clear(instanceScratch, found);
    }

    private static int slotOfCursor(final long cursor)
    {
        return cursor == 0 ? 0 : (int)(cursor - 1);
    }

    private static long cursorOfSlot(final int slot)
    {
        return slot + 1L;
    }

    /**
     * Drop the page's references, so that the scratch never keeps a removed entity reachable.
     */
    private static void clear(final Object[] page, final int count)
    {
        for (int i = 0; i < count; i++)
        {
            page[i] = null;
        }
    }
}
