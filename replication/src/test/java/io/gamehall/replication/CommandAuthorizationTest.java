package io.gamehall.replication;

import io.aeron.cluster.service.ClientSession;
import io.gamehall.master.EngineConfig;
import io.gamehall.replication.support.ServiceDriver;
import io.gamehall.replication.support.ServiceDriver.Session;
import org.agrona.DirectBuffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every command of the master sent by each principal that may not send it: refused with the
 * code that says why, and nothing changes. The table is the one of docs/master-engine.md,
 * "Who may send what"; each row is also sent by a principal that may, to show the rule is not
 * a blanket refusal.
 */
class CommandAuthorizationTest
{
    private final MasterService service = new MasterService(new EngineConfig()
        .maxServers(16).maxUsers(64).maxInstances(64).maxClients(16));
    private final ServiceDriver driver = new ServiceDriver(new ServiceDriver.Target()
    {
        public void apply(final ClientSession session, final long position, final long timestamp,
            final DirectBuffer buffer, final int offset, final int length)
        {
            service.applyCommand(session, session.id(), session.encodedPrincipal(), position, timestamp, buffer, offset,
                length);
        }

        public void sessionClosed(final long sessionId)
        {
            service.sessionClosed(sessionId);
        }

        public long stateHash()
        {
            return service.engine().stateHash();
        }
    });

    private Session gatewayA;
    private Session gatewayB;
    private Session hostH;
    private Session hostI;
    private Session admin;
    private Session matchmakerM;
    private Session matchmakerN;
    private long gwA;
    private long gwB;
    private long hH;
    private long mM;
    private long instanceId;

    @BeforeEach
    void world()
    {
        gatewayA = session(ClientRole.GATEWAY, 101);
        gatewayB = session(ClientRole.GATEWAY, 102);
        hostH = session(ClientRole.HOST, 201);
        hostI = session(ClientRole.HOST, 202);
        admin = session(ClientRole.ADMIN, 301);
        matchmakerM = session(ClientRole.MATCHMAKER, 401);
        matchmakerN = session(ClientRole.MATCHMAKER, 402);
        gwA = driver.ok(gatewayA, "RegisterServer role=GATEWAY capacity=10 name=gw-a endpoint=e softwareVersion=1");
        gwB = driver.ok(gatewayB, "RegisterServer role=GATEWAY capacity=10 name=gw-b endpoint=e softwareVersion=1");
        hH = driver.ok(hostH, "RegisterServer role=GAME_HOST capacity=10 gameTypes=1 name=host-h endpoint=e softwareVersion=1");
        driver.ok(hostI, "RegisterServer role=GAME_HOST capacity=1 gameTypes=2 name=host-i endpoint=e softwareVersion=1");
        mM = driver.ok(matchmakerM, "RegisterServer role=MATCHMAKER capacity=10 name=mm-m endpoint=e softwareVersion=1");
        driver.ok(matchmakerN, "RegisterServer role=MATCHMAKER capacity=10 name=mm-n endpoint=e softwareVersion=1");
        driver.ok(gatewayA, "CheckInUser gatewayId=" + gwA + " userId=1 userName=alice");
        driver.ok(gatewayB, "CheckInUser gatewayId=" + gwB + " userId=2 userName=bob");
        instanceId = driver.ok(gatewayA, "CreateInstance ownerId=1 gameType=1 maxPlayers=3");
        driver.ok(hostH, "InstanceReady hostId=" + hH + " instanceId=" + instanceId);
    }

    /** One row: a command, who may send it, who may not and the code they get. */
    private record Row(String command, Function<CommandAuthorizationTest, Session> allowed,
        List<Function<CommandAuthorizationTest, Session>> refused, String code)
    {
    }

    private List<Row> table()
    {
        final List<Row> rows = new ArrayList<>();
        rows.add(row("RegisterServer role=GATEWAY capacity=1 name=gw-x endpoint=e softwareVersion=1",
            t -> t.gatewayA, "NOT_AUTHORISED", t -> t.hostH, t -> t.matchmakerM));
        rows.add(row("RegisterServer role=GAME_HOST capacity=1 gameTypes=1 name=host-x endpoint=e softwareVersion=1",
            t -> t.hostH, "NOT_AUTHORISED", t -> t.gatewayA, t -> t.matchmakerM));
        rows.add(row("RegisterServer role=MATCHMAKER capacity=1 name=mm-x endpoint=e softwareVersion=1",
            t -> t.matchmakerM, "NOT_AUTHORISED", t -> t.gatewayA, t -> t.hostH));
        rows.add(row("ServerHeartbeat serverId=" + gwA + " load=1",
            t -> t.gatewayA, "NOT_SERVER_OWNER", t -> t.gatewayB, t -> t.hostH, t -> t.admin));
        rows.add(row("ServerHeartbeat serverId=" + hH + " load=1",
            t -> t.hostH, "NOT_SERVER_OWNER", t -> t.hostI, t -> t.gatewayA, t -> t.admin));
        rows.add(row("DrainServer serverId=" + gwB,
            t -> t.admin, "NOT_AUTHORISED", t -> t.gatewayA, t -> t.gatewayB, t -> t.hostH));
        rows.add(row("DeregisterServer serverId=" + hH,
            t -> t.admin, "NOT_AUTHORISED", t -> t.gatewayA, t -> t.hostH, t -> t.hostI));
        rows.add(row("CheckInUser gatewayId=" + gwA + " userId=3 userName=carol",
            t -> t.gatewayA, "NOT_SERVER_OWNER", t -> t.gatewayB, t -> t.hostH, t -> t.admin));
        rows.add(row("CheckOutUser gatewayId=" + gwA + " userId=1",
            t -> t.gatewayA, "NOT_SERVER_OWNER", t -> t.gatewayB, t -> t.hostH, t -> t.admin));
        rows.add(row("CreateInstance ownerId=2 gameType=1 maxPlayers=2",
            t -> t.gatewayB, "NOT_SERVER_OWNER", t -> t.gatewayA, t -> t.hostH, t -> t.admin));
        rows.add(row("InstanceReady hostId=" + hH + " instanceId=" + instanceId,
            t -> t.hostH, "NOT_SERVER_OWNER", t -> t.hostI, t -> t.gatewayA, t -> t.admin));
        rows.add(row("InstanceEnded hostId=" + hH + " instanceId=" + instanceId,
            t -> t.hostH, "NOT_SERVER_OWNER", t -> t.hostI, t -> t.gatewayA, t -> t.admin));
        rows.add(row("JoinInstance userId=2 instanceId=" + instanceId,
            t -> t.gatewayB, "NOT_SERVER_OWNER", t -> t.gatewayA, t -> t.hostH, t -> t.admin));
        rows.add(row("LeaveInstance userId=1 instanceId=" + instanceId,
            t -> t.gatewayA, "NOT_SERVER_OWNER", t -> t.gatewayB, t -> t.hostH, t -> t.admin));
        rows.add(row("DestroyInstance requesterId=1 instanceId=" + instanceId,
            t -> t.gatewayA, "NOT_SERVER_OWNER", t -> t.gatewayB, t -> t.hostH, t -> t.admin));
        rows.add(row("DestroyInstance requesterId=0 instanceId=" + instanceId,
            t -> t.admin, "NOT_AUTHORISED", t -> t.gatewayA, t -> t.hostH));
        rows.add(row("SearchInstances gameType=1 state=OPEN maxResults=10",
            t -> t.gatewayB, "NOT_AUTHORISED", t -> t.hostH, t -> t.matchmakerM));
        rows.add(row("GetInstance instanceId=" + instanceId,
            t -> t.gatewayB, "NOT_AUTHORISED", t -> t.hostI, t -> t.matchmakerM));
        rows.add(row("ListServers maxResults=10",
            t -> t.gatewayA, "NOT_AUTHORISED", t -> t.hostH, t -> t.matchmakerM));
        rows.add(row("CreateMatch matchmakerId=" + mM + " matchId=1 gameType=1 players=1,2",
            t -> t.matchmakerM, "NOT_AUTHORISED", t -> t.gatewayA, t -> t.hostH));
        rows.add(row("CreateMatch matchmakerId=" + mM + " matchId=2 gameType=1 players=1,2",
            t -> t.matchmakerM, "NOT_SERVER_OWNER", t -> t.matchmakerN));
        rows.add(row("ServerHeartbeat serverId=" + mM + " load=1",
            t -> t.matchmakerM, "NOT_SERVER_OWNER", t -> t.matchmakerN, t -> t.gatewayA, t -> t.admin));
        rows.add(row("GetUser userId=1",
            t -> t.admin, "NOT_AUTHORISED", t -> t.gatewayA, t -> t.hostH));
        rows.add(row("ListUsers maxResults=10",
            t -> t.admin, "NOT_AUTHORISED", t -> t.gatewayA, t -> t.hostH));
        rows.add(row("ListInstances maxResults=10",
            t -> t.admin, "NOT_AUTHORISED", t -> t.gatewayA, t -> t.hostH));
        return rows;
    }

    @Test
    void shouldRefuseEveryCommandFromEveryWrongPrincipalAndChangeNothing()
    {
        final List<Row> rows = table();
        assertThat(rows.stream().map(r -> r.command().split(" ")[0]).distinct())
            .as("every command of the master protocol has a row").hasSize(19);
        for (final Row row : rows)
        {
            for (final Function<CommandAuthorizationTest, Session> wrong : row.refused())
            {
                final Session sender = wrong.apply(this);
                final long hash = driver.stateHash();
                final String answer = driver.send(sender, row.command());
                assertThat(answer).as(row.command() + " from " + principal(sender))
                    .contains("code=" + row.code())
                    .contains("clientId=" + sender.clientId());
                assertThat(driver.stateHash()).as(row.command() + " from " + principal(sender) + " changed nothing")
                    .isEqualTo(hash);
            }
        }
    }

    @Test
    void shouldLetTheRightPrincipalSendEveryCommand()
    {
        for (final Row row : table())
        {
            final Session sender = row.allowed().apply(this);
            final String answer = driver.send(sender, row.command());
            assertThat(answer).as(row.command() + " from " + principal(sender))
                .doesNotContain("code=NOT_AUTHORISED").doesNotContain("code=NOT_SERVER_OWNER")
                .doesNotContain("code=CLIENT_ID_MISMATCH");
        }
    }

    @Test
    void shouldRefuseACommandCarryingAnotherClientId()
    {
        final long hash = driver.stateHash();

        final String answer = driver.send(gatewayB, "CheckInUser clientId=101 gatewayId=" + gwA + " userId=3 userName=carol");

        assertThat(answer).contains("code=CLIENT_ID_MISMATCH");
        assertThat(driver.stateHash()).isEqualTo(hash);
    }

    @Test
    void shouldRefuseAClientIdTheMasterRemembersForAnotherRole()
    {
        final Session impostor = session(ClientRole.ADMIN, gatewayA.clientId());

        final String answer = driver.send(impostor, "ListUsers maxResults=10");

        assertThat(answer).contains("code=CLIENT_ID_MISMATCH");
    }

    @Test
    void shouldKeepEventsOfAServerWithItsOwnerWhenAnotherHeartbeatsIt()
    {
        assertThat(service.sessionOfServer(gwA)).isEqualTo(gatewayA.id());

        assertThat(driver.send(gatewayB, "ServerHeartbeat serverId=" + gwA + " load=0")).contains("code=NOT_SERVER_OWNER");

        assertThat(service.sessionOfServer(gwA)).as("events for gw-a still go to its owner").isEqualTo(gatewayA.id());
    }

    @Test
    void shouldLetAServerComeBackOnANewSessionOfItsOwnClientOnly()
    {
        driver.close(gatewayA);
        final Session stranger = session(ClientRole.GATEWAY, 103);
        assertThat(driver.send(stranger, "ServerHeartbeat serverId=" + gwA + " load=0"))
            .as("a gateway whose session closed is not up for grabs").contains("code=NOT_SERVER_OWNER");
        assertThat(service.sessionOfServer(gwA)).isEqualTo(-1);

        final Session reconnected = session(ClientRole.GATEWAY, gatewayA.clientId());
        assertThat(driver.send(reconnected, "ServerHeartbeat serverId=" + gwA + " load=0")).contains("code=OK");

        assertThat(service.sessionOfServer(gwA)).isEqualTo(reconnected.id());
    }

    @Test
    void shouldRefuseCommandsOfASessionWithoutAPrincipal()
    {
        final Session nobody = driver.session(new byte[0], 999);

        assertThat(driver.send(nobody, "SearchInstances gameType=1 state=OPEN maxResults=10")).contains("code=NOT_AUTHORISED");
    }

    private Session session(final ClientRole role, final long clientId)
    {
        return driver.session(new SessionPrincipal(role, clientId).encode(), clientId);
    }

    private static String principal(final Session session)
    {
        return new String(session.encodedPrincipal(), java.nio.charset.StandardCharsets.US_ASCII);
    }

    @SafeVarargs
    private static Row row(final String command, final Function<CommandAuthorizationTest, Session> allowed,
        final String code, final Function<CommandAuthorizationTest, Session>... refused)
    {
        final List<Function<CommandAuthorizationTest, Session>> refusedBy = new java.util.ArrayList<>();
        for (final Function<CommandAuthorizationTest, Session> session : refused)
        {
            refusedBy.add(session);
        }
        return new Row(command, allowed, refusedBy, code);
    }
}
