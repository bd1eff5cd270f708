package io.gamehall.master;

import io.gamehall.master.directory.Instance;
import io.gamehall.master.support.EngineDriver;
import io.gamehall.sbe.master.InstanceState;
import io.gamehall.sbe.master.UserState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class InstanceCommandsTest
{
    private final EngineDriver driver = new EngineDriver();
    private long gw;
    private long hostA;
    private long hostB;

    @BeforeEach
    void servers()
    {
        gw = driver.registerGateway("gw");
        hostA = driver.registerHost("host-a", 4, "1,2");
        hostB = driver.registerHost("host-b", 2, "2");
        for (int user = 1; user <= 8; user++)
        {
            driver.checkIn(gw, user, "user" + user);
        }
    }

    @AfterEach
    void indexesStayInStep()
    {
        assertThat(driver.verifyIndexes()).isNull();
    }

    @Test
    void shouldCreateOnLeastLoadedHostAndOrderSpawn()
    {
        final int mark = driver.output().mark();
        final EngineDriver.Result result = driver.create(1, 1, 2);

        assertThat(result.ok()).isTrue();
        assertThat(result.detailId()).isEqualTo(hostA);
        final Instance instance = driver.engine().instances().get(result.subjectId());
        assertThat(instance.state()).isEqualTo(InstanceState.CREATING);
        assertThat(instance.player(0)).isEqualTo(1);
        assertThat(driver.engine().users().get(1).state()).isEqualTo(UserState.IN_INSTANCE);
        assertThat(driver.engine().servers().get(hostA).assigned()).isEqualTo(1);
        assertThat(driver.output().since(mark)).contains("event(to=" + hostA + ") SpawnInstance hostId=" + hostA +
            " instanceId=" + result.subjectId() + " gameType=1 ownerId=1 maxPlayers=2 region=0 mode=0 ratingBand=0" +
            " ownerGatewayId=" + gw);
    }

    @Test
    void shouldSpreadInstancesByFreeCapacity()
    {
        assertThat(driver.create(1, 2, 2).detailId()).isEqualTo(hostA);
        assertThat(driver.create(2, 2, 2).detailId()).isEqualTo(hostA);
        assertThat(driver.create(3, 2, 2).detailId()).as("a has 2 free, b has 2: tie goes to lower id").isEqualTo(hostA);
        assertThat(driver.create(4, 2, 2).detailId()).isEqualTo(hostB);
    }

    @Test
    void shouldCountReportedLoadInPlacement()
    {
        driver.heartbeat(hostA, 4);
        assertThat(driver.create(1, 2, 2).detailId()).isEqualTo(hostB);
        assertThat(driver.create(2, 1, 2).code()).as("only host-a runs type 1 and it is full").isEqualTo("NO_CAPACITY");
    }

    @Test
    void shouldAnswerNoCapacityForUnsupportedGameType()
    {
        assertThat(driver.create(1, 9, 2).code()).isEqualTo("NO_CAPACITY");
        assertThat(driver.engine().users().get(1).state()).isEqualTo(UserState.ONLINE);
    }

    @Test
    void shouldRejectBadCreates()
    {
        assertThat(driver.create(1, 0, 2).code()).isEqualTo("INVALID_VALUE");
        assertThat(driver.create(1, 1, 0).code()).isEqualTo("INVALID_VALUE");
        assertThat(driver.create(1, 1, 65).code()).isEqualTo("INVALID_VALUE");
        assertThat(driver.create(99, 1, 2).code()).isEqualTo("UNKNOWN_USER");
        driver.create(1, 1, 2);
        assertThat(driver.create(1, 1, 2).code()).isEqualTo("USER_IN_INSTANCE");
    }

    @Test
    void shouldOpenOnReadyAndRunWhenFull()
    {
        final long id = driver.create(1, 1, 2).subjectId();
        assertThat(driver.ready(hostA, id).ok()).isTrue();
        assertThat(driver.engine().instances().get(id).state()).isEqualTo(InstanceState.OPEN);

        final int mark = driver.output().mark();
        assertThat(driver.join(2, id).ok()).isTrue();

        assertThat(driver.engine().instances().get(id).state()).isEqualTo(InstanceState.RUNNING);
        assertThat(driver.output().since(mark)).contains("event(to=" + hostA + ") PlayerJoined hostId=" + hostA +
            " instanceId=" + id + " userId=2 gatewayId=" + gw);
        assertThat(driver.join(3, id).code()).isEqualTo("INSTANCE_FULL");
    }

    @Test
    void shouldRejectReadyFromWrongHostOrTwice()
    {
        final long id = driver.create(1, 2, 2).subjectId();
        assertThat(driver.ready(hostB, id).code()).isEqualTo("NOT_INSTANCE_HOST");
        assertThat(driver.ready(hostA, 77).code()).isEqualTo("UNKNOWN_INSTANCE");
        driver.ready(hostA, id);
        assertThat(driver.ready(hostA, id).code()).isEqualTo("ILLEGAL_TRANSITION");
    }

    @Test
    void shouldRejectJoinWhenUserAlreadyInAnInstance()
    {
        final long first = driver.create(1, 1, 4).subjectId();
        final long second = driver.create(2, 1, 4).subjectId();
        driver.join(3, first);

        assertThat(driver.join(3, second).code()).isEqualTo("USER_IN_INSTANCE");
        assertThat(driver.join(3, first).code()).isEqualTo("USER_IN_INSTANCE");
        assertThat(driver.join(99, first).code()).isEqualTo("UNKNOWN_USER");
        assertThat(driver.join(4, 999).code()).isEqualTo("UNKNOWN_INSTANCE");
    }

    @Test
    void shouldLeaveAndTellHost()
    {
        final long id = driver.create(1, 1, 4).subjectId();
        driver.join(2, id);
        final int mark = driver.output().mark();

        assertThat(driver.leave(2, id).ok()).isTrue();

        assertThat(driver.output().since(mark)).contains("event(to=" + hostA + ") PlayerLeft hostId=" + hostA +
            " instanceId=" + id + " userId=2 reason=LEFT");
        assertThat(driver.engine().users().get(2).state()).isEqualTo(UserState.ONLINE);
        assertThat(driver.leave(2, id).code()).isEqualTo("USER_NOT_IN_INSTANCE");
    }

    @Test
    void shouldEndInstanceAndReturnPlayersToLobby()
    {
        final long id = driver.create(1, 1, 2).subjectId();
        driver.join(2, id);

        assertThat(driver.send("InstanceEnded hostId=" + hostA + " instanceId=" + id).ok()).isTrue();

        assertThat(driver.engine().instances().get(id)).isNull();
        assertThat(driver.engine().users().get(1).state()).isEqualTo(UserState.ONLINE);
        assertThat(driver.engine().users().get(2).instanceId()).isZero();
        assertThat(driver.engine().servers().get(hostA).assigned()).isZero();
    }

    @Test
    void shouldDestroyOnlyByOwnerOrOperator()
    {
        final long id = driver.create(1, 1, 2).subjectId();
        driver.join(2, id);

        assertThat(driver.send("DestroyInstance requesterId=2 instanceId=" + id).code()).isEqualTo("NOT_INSTANCE_OWNER");
        final int mark = driver.output().mark();
        assertThat(driver.send("DestroyInstance requesterId=1 instanceId=" + id).ok()).isTrue();
        assertThat(driver.output().since(mark)).contains("event(to=" + hostA + ") TerminateInstance hostId=" + hostA +
            " instanceId=" + id);

        final long other = driver.create(3, 1, 2).subjectId();
        assertThat(driver.send("DestroyInstance requesterId=0 instanceId=" + other).ok()).as("operator").isTrue();
    }

    @Test
    void shouldSearchByTypeStateAttributesAndSeatsWithCursor()
    {
        final long a = driver.send("CreateInstance ownerId=1 gameType=2 maxPlayers=4 region=1 mode=1").subjectId();
        final long b = driver.send("CreateInstance ownerId=2 gameType=2 maxPlayers=4 region=2 mode=1").subjectId();
        final long c = driver.send("CreateInstance ownerId=3 gameType=2 maxPlayers=2 region=1 mode=1").subjectId();
        final long d = driver.send("CreateInstance ownerId=4 gameType=2 maxPlayers=4 region=1 mode=2").subjectId();
        for (final long id : new long[]{a, b, c, d})
        {
            final long host = driver.engine().instances().get(id).hostId();
            driver.ready(host, id);
        }

        final String region1 = driver.query("SearchInstances gameType=2 state=OPEN region=1 maxResults=10");
        assertThat(region1).contains("instanceId=" + a + " ").contains("instanceId=" + c + " ")
            .contains("instanceId=" + d + " ").doesNotContain("instanceId=" + b + " ").contains("nextCursor=0");

        final String roomy = driver.query("SearchInstances gameType=2 state=OPEN region=1 mode=1 minOpenSeats=2 maxResults=10");
        assertThat(roomy).contains("instanceId=" + a + " ").doesNotContain("instanceId=" + c + " ");

        final String page1 = driver.query("SearchInstances gameType=2 state=OPEN maxResults=2");
        assertThat(page1).contains("instanceId=" + a + " ").contains("instanceId=" + b + " ").contains("nextCursor=" + c);
        final String page2 = driver.query("SearchInstances gameType=2 state=OPEN maxResults=2 cursor=" + c);
        assertThat(page2).contains("instanceId=" + c + " ").contains("instanceId=" + d + " ").contains("nextCursor=0");

        assertThat(driver.query("SearchInstances gameType=2 state=RUNNING maxResults=2")).contains("instances=[]");
        assertThat(driver.query("SearchInstances gameType=2 state=OPEN maxResults=65")).contains("code=INVALID_VALUE");
    }

    @Test
    void shouldBoundTheEntriesOneSearchExamines()
    {
        final EngineDriver small = new EngineDriver(new EngineConfig().maxServers(8).maxUsers(256).maxInstances(256)
            .maxSearchExamined(64));
        final long gateway = small.registerGateway("gw");
        small.registerHost("host", 200, "1");
        for (int user = 1; user <= 100; user++)
        {
            small.checkIn(gateway, user, "u" + user);
            small.send("CreateInstance ownerId=" + user + " gameType=1 maxPlayers=2 region=1 mode=" + (user == 100 ? 7 : 1));
        }

        final String first = small.query("SearchInstances gameType=1 state=CREATING mode=7 maxResults=10");
        assertThat(first).contains("instances=[]").contains("nextCursor=65");
        final String second = small.query("SearchInstances gameType=1 state=CREATING mode=7 maxResults=10 cursor=65");
        assertThat(second).contains("instanceId=100 ").contains("nextCursor=0");
        final String byRegion = small.query("SearchInstances gameType=1 state=CREATING region=1 mode=7 maxResults=10");
        assertThat(byRegion).as("the region index narrows, the mode filter still scans").contains("nextCursor=65");
    }

    @Test
    void shouldDescribeInstance()
    {
        final long id = driver.create(1, 1, 3).subjectId();
        driver.join(2, id);

        final String info = driver.query("GetInstance instanceId=" + id);

        assertThat(info).startsWith("InstanceInfo").contains("code=OK").contains("hostId=" + hostA)
            .contains("players=[(userId=1),(userId=2)]");
        assertThat(driver.query("GetInstance instanceId=999")).contains("code=UNKNOWN_INSTANCE");
    }

    @Test
    void shouldSuspendAndRestoreInstancesOfDeadHostElsewhere()
    {
        final long id = driver.create(1, 2, 2).subjectId();
        driver.ready(hostA, id);
        driver.join(2, id);
        assertThat(driver.engine().instances().get(id).hostId()).isEqualTo(hostA);
        driver.advance(4_000);
        driver.heartbeat(hostB, 0);
        driver.heartbeat(gw, 8);
        driver.advance(1_000);

        final List<String> lines = driver.fireTimer();

        final Instance instance = driver.engine().instances().get(id);
        assertThat(instance.state()).isEqualTo(InstanceState.SUSPENDED);
        assertThat(instance.hostId()).isEqualTo(hostB);
        assertThat(lines).contains(
            "event(to=" + hostB + ") RestoreInstance hostId=" + hostB + " instanceId=" + id + " gameType=2 ownerId=1 " +
            "maxPlayers=2 region=0 mode=0 ratingBand=0 players=[(userId=1 gatewayId=" + gw + "),(userId=2 gatewayId=" + gw + ")]");
        assertThat(lines).contains("event(to=" + gw + ") InstanceMoved gatewayId=" + gw + " instanceId=" + id +
            " hostId=" + hostB + " hostEndpoint=aeron:udp?endpoint=127.0.0.1:40001");
        assertThat(driver.join(3, id).code()).isEqualTo("INSTANCE_NOT_JOINABLE");

        assertThat(driver.ready(hostB, id).ok()).isTrue();
        assertThat(driver.engine().instances().get(id).state()).as("back to where it was").isEqualTo(InstanceState.RUNNING);
    }

    @Test
    void shouldKeepInstanceSuspendedUntilCapacityReturns()
    {
        final long id = driver.create(1, 1, 2).subjectId();
        driver.ready(hostA, id);
        driver.advance(4_000).heartbeat(gw, 0);
        driver.heartbeat(hostB, 0);
        driver.advance(1_000).fireTimer();
        assertThat(driver.engine().instances().get(id).hostId()).as("no other host runs type 1").isZero();

        final int mark = driver.output().mark();
        final long hostC = driver.registerHost("host-c", 5, "1");

        assertThat(driver.engine().instances().get(id).hostId()).isEqualTo(hostC);
        assertThat(driver.output().since(mark)).anySatisfy(line -> assertThat(line)
            .startsWith("event(to=" + hostC + ") RestoreInstance"));
        assertThat(driver.ready(hostC, id).ok()).isTrue();
        assertThat(driver.engine().instances().get(id).state()).isEqualTo(InstanceState.OPEN);
    }

    @Test
    void shouldCheckOutDetachedPlayersWhenTheirGameEnds()
    {
        final long gw2 = driver.registerGateway("gw-2");
        driver.checkIn(gw2, 20, "user20");
        final long id = driver.create(20, 1, 2).subjectId();
        driver.send("DeregisterServer serverId=" + gw2);
        assertThat(driver.engine().users().get(20).gatewayId()).isZero();

        driver.send("InstanceEnded hostId=" + hostA + " instanceId=" + id);

        assertThat(driver.engine().users().get(20)).isNull();
    }
}
