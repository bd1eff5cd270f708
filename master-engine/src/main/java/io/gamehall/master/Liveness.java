package io.gamehall.master;

import io.gamehall.master.directory.Server;
import io.gamehall.master.directory.ServerDirectory;
import io.gamehall.master.directory.User;
import io.gamehall.master.directory.UserDirectory;
import io.gamehall.sbe.master.ServerRole;
import io.gamehall.sbe.master.ServerState;
import io.gamehall.sbe.master.UserState;
import org.agrona.collections.LongArrayList;

/**
 * Whether servers are alive, and what losing one does. One timer,
 * {@link MasterEngine#LIVENESS_TIMER_ID}, stands for every server: it is due at the earliest
 * {@code lastHeartbeat + serverTimeoutMs} of the live servers, and when it fires every server
 * past its deadline is declared DEAD, oldest first. Time is only the cluster time handed in.
 * <p>
 * A server is lost by that sweep or by deregistration: a host's instances are suspended and
 * re-placed ({@link Placement}); a gateway's lobby users are checked out and its seated users
 * detached, keeping their seats to resume through another gateway. The pending deadline is part
 * of the engine's state ({@code MasterEngine.livenessDeadline}: snapshots and the state hash
 * hold it), so it is kept there.
 */
final class Liveness
{
    private final MasterEngine engine;
    private final ServerDirectory servers;
    private final UserDirectory users;
    private final Placement placement;
    private final EgressPublisher egress;
    private final EngineOutput output;
    private final EngineConfig config;
    private final LongArrayList userIds = new LongArrayList(1024, Long.MIN_VALUE);

    /**
     * @param engine          whose {@code livenessDeadline} this keeps.
     * @param servers         the server directory.
     * @param users           the user directory.
     * @param placement       re-places a lost host's instances.
     * @param egress          where the gateway list goes when a gateway is lost.
     * @param output          where timer requests go.
     * @param config          how long a server lives without a heartbeat.
     */
    Liveness(
        final MasterEngine engine,
        final ServerDirectory servers,
        final UserDirectory users,
        final Placement placement,
        final EgressPublisher egress,
        final EngineOutput output,
        final EngineConfig config)
    {
        this.engine = engine;
        this.servers = servers;
        this.users = users;
        this.placement = placement;
        this.egress = egress;
        this.output = output;
        this.config = config;
    }

    /**
     * Ask for the timer at the oldest live server's deadline, unless it is already due no later.
     */
    void schedule()
    {
        final Server oldest = servers.oldestLive();
        if (oldest == null)
        {
            return;
        }
        final long deadline = oldest.lastHeartbeatTime() + config.serverTimeoutMs();
        if (engine.livenessDeadline == -1 || deadline < engine.livenessDeadline)
        {
            engine.livenessDeadline = deadline;
            output.onScheduleTimer(MasterEngine.LIVENESS_TIMER_ID, deadline);
        }
    }

    /**
     * The timer is due: lose every server past its deadline, oldest first, and ask for the next.
     *
     * @param now cluster time in milliseconds.
     */
    void onTimer(final long now)
    {
        engine.livenessDeadline = -1;
        final long timeout = config.serverTimeoutMs();
        Server oldest;
        while ((oldest = servers.oldestLive()) != null && oldest.lastHeartbeatTime() + timeout <= now)
        {
            lose(oldest, false);
        }
        schedule();
    }

    /**
     * A server is gone, by deregistration or missed heartbeats. A gateway's lobby users are
     * checked out and its seated users detached (they keep their seat to resume elsewhere); a
     * host's instances are suspended and re-placed on other hosts; a matchmaker holds nothing
     * the directories keep (its tickets are rebuilt from the gateways).
     *
     * @param server the server.
     * @param remove true to drop it from the directory (deregistration), false to keep it as DEAD.
     */
    void lose(final Server server, final boolean remove)
    {
        final boolean wasActiveGateway = server.role() == ServerRole.GATEWAY && server.state() == ServerState.ACTIVE;
        final long serverId = server.id();
        final boolean isHost = server.role() == ServerRole.GAME_HOST;
        final boolean isGateway = server.role() == ServerRole.GATEWAY;
        if (isHost)
        {
            placement.suspendInstancesOf(server);
        }

        if (remove)
        {
            servers.remove(server);
        }
        else if (server.state() != ServerState.DEAD)
        {
            servers.setState(server, ServerState.DEAD);
        }

        if (isHost)
        {
            placement.placeSuspended();
        }
        else if (isGateway)
        {
            releaseUsersOf(serverId);
            if (wasActiveGateway)
            {
                egress.gatewayListChanged(servers);
            }
        }
    }

    private void releaseUsersOf(final long gatewayId)
    {
        users.idsOnGateway(gatewayId, userIds);
        for (int k = 0; k < userIds.size(); k++)
        {
            final User user = users.get(userIds.getLong(k));
            if (user.state() == UserState.IN_INSTANCE)
            {
                users.detach(user);
            }
            else
            {
                users.remove(user);
            }
        }
    }
}
