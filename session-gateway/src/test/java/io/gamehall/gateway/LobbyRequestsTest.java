package io.gamehall.gateway;

import io.gamehall.sbe.client.ClientCode;
import io.gamehall.sbe.client.InstancePhase;
import io.gamehall.sbe.client.InstanceResultDecoder;
import io.gamehall.sbe.client.SearchResultDecoder;
import io.gamehall.sbe.master.InstanceState;
import io.gamehall.sbe.master.ResultCode;
import io.gamehall.sbe.master.ServerRole;
import io.gamehall.sbe.master.ServerState;
import io.gamehall.store.HistoryEntry;
import io.gamehall.store.HistoryPage;
import io.gamehall.store.PlayerOutcome;
import io.gamehall.store.StoreError;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.gamehall.gateway.GatewayRoles.GATEWAY_ID;
import static org.assertj.core.api.Assertions.assertThat;

class LobbyRequestsTest
{
    private final GatewayRoles roles = new GatewayRoles();

    @Test
    void shouldRefuseEveryLobbyRequestBeforeLogin()
    {
        final ClientInbox client = new ClientInbox();

        roles.lobby.create(client.connection, 1, 1, 2, 0, 0, 0);
        roles.lobby.join(client.connection, 2, 55);
        roles.lobby.leave(client.connection, 3, 55);
        roles.lobby.search(client.connection, 4, 1, 0, 0, 0, 1, 10, 0);
        roles.lobby.history(client.connection, 5, 0, 10);

        final List<ClientInbox.Frame> frames = client.frames();
        assertThat(frames).hasSize(5);
        for (final ClientInbox.Frame frame : frames)
        {
            assertThat(frame.result().code()).isEqualTo(ClientCode.NOT_LOGGED_IN);
        }
        assertThat(roles.master.calls).isEmpty();
        assertThat(roles.store.calls).isEmpty();
    }

    @Test
    void shouldCreateAsTheSessionsUserAndSeatItAtTheHostLearnedFromTheMaster()
    {
        final ClientInbox ann = roles.loggedIn(42, "ann");
        roles.master.calls.clear();
        roles.master.create = FakeMaster.ok(55, 9);
        roles.master.servers.add(new MasterRequests.Server(9, ServerRole.GAME_HOST, ServerState.ACTIVE, "host-9",
            "host-9:4000"));

        roles.lobby.create(ann.connection, 6, 1, 2, 3, 4, 5);

        assertThat(roles.master.calls).containsExactly("create 42 1 2 3 4 5", "servers");
        final InstanceResultDecoder answer = ann.only().instanceResult();
        assertThat(answer.correlationId()).isEqualTo(6);
        assertThat(answer.code()).isEqualTo(ClientCode.OK);
        assertThat(answer.instanceId()).isEqualTo(55);
        final Session session = roles.sessions.get(42);
        assertThat(session.instanceId()).isEqualTo(55);
        assertThat(session.hostEndpoint()).isEqualTo("host-9:4000");
        assertThat(roles.hosts.syncs).as("a new link: the game's first moments may be missed")
            .containsExactly("host-9:4000 55 42");
    }

    @Test
    void shouldJoinWithTheRightIdsAndNotAskForTheStateOverALinkAlreadyUp()
    {
        final ClientInbox bob = roles.loggedIn(43, "bob");
        roles.master.calls.clear();
        roles.master.instances.put(55L, new MasterRequests.InstanceView(55, 1, InstanceState.OPEN, 9, 42, 4, 2, 0, 0,
            0));
        roles.hosts.host(9, "host-9:4000");
        roles.hosts.connected.add("host-9:4000");

        roles.lobby.join(bob.connection, 7, 55);

        assertThat(roles.master.calls).containsExactly("join 43 55", "instance 55");
        final InstanceResultDecoder answer = bob.only().instanceResult();
        assertThat(answer.code()).isEqualTo(ClientCode.OK);
        assertThat(answer.maxPlayers()).isEqualTo(4);
        assertThat(roles.sessions.get(43).hostEndpoint()).isEqualTo("host-9:4000");
        assertThat(roles.hosts.syncs).isEmpty();
    }

    @Test
    void shouldAnswerTheMastersRefusalWithTheClientsCodeAndLeaveTheSessionUnseated()
    {
        final ClientInbox bob = roles.loggedIn(43, "bob");
        roles.master.join = FakeMaster.refused(ResultCode.INSTANCE_FULL);

        roles.lobby.join(bob.connection, 8, 55);

        assertThat(bob.only().instanceResult().code()).isEqualTo(ClientCode.INSTANCE_FULL);
        assertThat(roles.sessions.get(43).instanceId()).isZero();
    }

    @Test
    void shouldLeaveTheSeatTheMasterNamesWhenAskedToLeaveWhateverSeat()
    {
        final ClientInbox ann = roles.seated(42, "ann", 55, "host-9:4000");
        roles.master.calls.clear();
        roles.master.checkIn = FakeMaster.ok(0, 55);

        roles.lobby.leave(ann.connection, 9, 0);

        assertThat(roles.master.calls).containsExactly("checkIn " + GATEWAY_ID + " 42 ann", "leave 42 55");
        assertThat(ann.only().result().code()).isEqualTo(ClientCode.OK);
        assertThat(roles.sessions.get(42).instanceId()).isZero();

        roles.master.checkIn = FakeMaster.ok(0, 0);
        roles.lobby.leave(ann.connection, 10, 0);
        assertThat(ann.only().result().code()).isEqualTo(ClientCode.NOT_IN_INSTANCE);
    }

    @Test
    void shouldForwardASearchAndShowTheHitsWithTheirPhases()
    {
        final ClientInbox ann = roles.loggedIn(42, "ann");
        roles.master.search = new MasterRequests.SearchPage(ResultCode.OK, 77, List.of(
            new MasterRequests.InstanceView(55, 1, InstanceState.OPEN, 9, 42, 4, 1, 2, 3, 4),
            new MasterRequests.InstanceView(56, 1, InstanceState.RUNNING, 9, 43, 2, 2, 2, 3, 4)));

        roles.lobby.search(ann.connection, 11, 1, 2, 3, 4, 1, 20, 5);

        assertThat(roles.master.calls).endsWith("search 1 2 3 4 1 20 5");
        final SearchResultDecoder answer = ann.only().searchResult();
        assertThat(answer.code()).isEqualTo(ClientCode.OK);
        assertThat(answer.nextCursor()).isEqualTo(77);
        final SearchResultDecoder.InstancesDecoder hits = answer.instances();
        assertThat(hits.count()).isEqualTo(2);
        assertThat(hits.next().instanceId()).isEqualTo(55);
        assertThat(hits.phase()).isEqualTo(InstancePhase.OPEN);
        assertThat(hits.next().phase()).isEqualTo(InstancePhase.RUNNING);
    }

    @Test
    void shouldReadTheHistoryOfTheSessionsUserWithinItsLimit()
    {
        final ClientInbox ann = roles.loggedIn(42, "ann");
        roles.store.histories.put(42L, new HistoryPage(List.of(new HistoryEntry(1, 900, 1, 5_000, PlayerOutcome.WIN)),
            HistoryPage.END));

        roles.lobby.history(ann.connection, 12, 0, 101);
        assertThat(ann.only().historyResult().code()).isEqualTo(ClientCode.INVALID_VALUE);

        roles.lobby.history(ann.connection, 13, 0, 100);
        assertThat(roles.store.calls).containsExactly("recentGames 42 " + HistoryPage.NEWEST + " 100");
        final io.gamehall.sbe.client.HistoryResultDecoder answer = ann.only().historyResult();
        assertThat(answer.code()).isEqualTo(ClientCode.OK);
        assertThat(answer.games().next().gameId()).isEqualTo(900);

        roles.store.failure = StoreError.TIMEOUT;
        roles.lobby.history(ann.connection, 14, 0, 10);
        assertThat(ann.only().historyResult().code()).isEqualTo(ClientCode.TIMEOUT);
    }
}
