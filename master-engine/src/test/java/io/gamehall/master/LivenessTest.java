package io.gamehall.master;

import io.gamehall.master.directory.Server;
import io.gamehall.master.directory.User;
import io.gamehall.master.support.RecordingOutput;
import io.gamehall.sbe.master.ServerRole;
import io.gamehall.sbe.master.ServerState;
import io.gamehall.sbe.master.UserState;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Liveness} on an engine's directories set up directly (no commands): when the one timer
 * is asked for, which servers a sweep loses and in what order, and what losing one does.
 */
class LivenessTest
{
    private static final long TIMEOUT = 5_000;

    private final RecordingOutput output = new RecordingOutput();
    private final EngineConfig config = new EngineConfig().maxServers(8).maxUsers(16).maxInstances(8)
        .serverTimeoutMs(TIMEOUT);
    private final MasterEngine engine = new MasterEngine(config, EngineOutput.NONE);
    private final EgressPublisher egress = new EgressPublisher(output);
    private final Liveness liveness = new Liveness(
        engine,
        engine.servers,
        engine.users,
        new Placement(engine.servers, engine.users, engine.instances, egress, config.maxPlayersPerInstance()),
        egress,
        output,
        config);

    @Test
    void shouldAskForTheTimerOnlyWhenADeadlineIsEarlierThanThePendingOne()
    {
        liveness.schedule();
        assertThat(output.lines()).as("no server, no timer").isEmpty();
        assertThat(engine.livenessTimerDeadline()).isEqualTo(-1);

        server(1, ServerRole.GATEWAY, 2_000);
        liveness.schedule();
        server(2, ServerRole.GATEWAY, 3_000);
        liveness.schedule();

        assertThat(output.lines()).containsExactly("timer(id=1) at=7000");
        assertThat(engine.livenessTimerDeadline()).isEqualTo(7_000);
    }

    @Test
    void shouldLoseEveryServerPastItsDeadlineOldestFirstAndAskForTheNext()
    {
        server(1, ServerRole.GATEWAY, 1_000);
        server(2, ServerRole.GATEWAY, 3_000);
        server(3, ServerRole.GATEWAY, 2_000);
        server(4, ServerRole.GATEWAY, 4_000);
        liveness.schedule();
        output.clear();

        liveness.onTimer(7_000);

        assertThat(states()).as("deadlines 6000, 8000, 7000, 9000")
            .containsExactly(ServerState.DEAD, ServerState.ACTIVE, ServerState.DEAD, ServerState.ACTIVE);
        assertThat(output.lines()).as("1 lost, then 3; each changes the gateway list").containsExactly(
            gatewayList(2, 3, 4),
            gatewayList(2, 4),
            "timer(id=1) at=8000");
        assertThat(engine.livenessTimerDeadline()).isEqualTo(8_000);
    }

    @Test
    void shouldCheckOutLobbyUsersAndDetachSeatedUsersOfALostGateway()
    {
        final Server gateway = server(1, ServerRole.GATEWAY, 1_000);
        final User lobby = user(10, 1);
        final User seated = user(11, 1);
        engine.users.seat(seated, 50);

        liveness.lose(gateway, false);

        assertThat(engine.users.get(lobby.id())).isNull();
        assertThat(seated.state()).isEqualTo(UserState.IN_INSTANCE);
        assertThat(seated.gatewayId()).isZero();
        assertThat(gateway.state()).isEqualTo(ServerState.DEAD);
        assertThat(output.lines()).containsExactly(gatewayList());
    }

    @Test
    void shouldRemoveADeregisteredServerAndKeepATimedOutOneAsDead()
    {
        final Server deregistered = server(1, ServerRole.GAME_HOST, 1_000);
        final Server timedOut = server(2, ServerRole.GAME_HOST, 1_000);

        liveness.lose(deregistered, true);
        liveness.lose(timedOut, false);

        assertThat(engine.servers.get(1)).isNull();
        assertThat(engine.servers.get(2).state()).isEqualTo(ServerState.DEAD);
        assertThat(output.lines()).as("hosts are not in the gateway list").isEmpty();
    }

    @Test
    void shouldNotAnnounceTheGatewayListWhenTheLostGatewayWasAlreadyOutOfIt()
    {
        final Server gateway = server(1, ServerRole.GATEWAY, 1_000);
        engine.servers.setState(gateway, ServerState.DRAINING);

        liveness.lose(gateway, false);

        assertThat(gateway.state()).isEqualTo(ServerState.DEAD);
        assertThat(output.lines()).isEmpty();
    }

    private Server server(final long id, final ServerRole role, final long time)
    {
        final byte[] name = bytes("server-" + id);
        final byte[] endpoint = bytes("ws://127.0.0.1:" + (8000 + id));
        final byte[] version = bytes("1");
        final int[] gameTypes = role == ServerRole.GAME_HOST ? new int[] {1} : new int[0];
        return engine.servers.add(id, role, 10, gameTypes, gameTypes.length, name, name.length, endpoint,
            endpoint.length, version, version.length, time);
    }

    private User user(final long id, final long gatewayId)
    {
        final byte[] name = bytes("user-" + id);
        return engine.users.add(id, name, name.length, gatewayId, 0);
    }

    private ServerState[] states()
    {
        final ServerState[] states = new ServerState[engine.servers.size()];
        int i = 0;
        for (Server server = engine.servers.first(); server != null; server = engine.servers.next(server))
        {
            states[i++] = server.state();
        }
        return states;
    }

    private static String gatewayList(final long... ids)
    {
        final StringBuilder line = new StringBuilder("event(to=-1) GatewayListChanged gateways=[");
        for (int i = 0; i < ids.length; i++)
        {
            line.append(i == 0 ? "" : ",")
                .append("(serverId=").append(ids[i])
                .append(" capacity=10 endpoint=ws://127.0.0.1:").append(8000 + ids[i])
                .append(')');
        }
        return line.append(']').toString();
    }

    private static byte[] bytes(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
