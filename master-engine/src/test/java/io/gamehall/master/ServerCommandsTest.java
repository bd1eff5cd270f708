package io.gamehall.master;

import io.gamehall.master.directory.Server;
import io.gamehall.master.support.EngineDriver;
import io.gamehall.sbe.master.ServerState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ServerCommandsTest
{
    private final EngineDriver driver = new EngineDriver(new EngineConfig()
        .maxServers(8).maxUsers(64).maxInstances(64).serverTimeoutMs(5_000));

    @AfterEach
    void indexesStayInStep()
    {
        assertThat(driver.verifyIndexes()).isNull();
    }

    @Test
    void shouldRegisterHostAsActiveWithItsGameTypes()
    {
        final long hostId = driver.registerHost("host-a", 10, "1,2");

        final Server host = driver.engine().servers().get(hostId);
        assertThat(host.state()).isEqualTo(ServerState.ACTIVE);
        assertThat(host.name()).isEqualTo("host-a");
        assertThat(host.supports(1)).isTrue();
        assertThat(host.supports(3)).isFalse();
        assertThat(host.lastHeartbeatTime()).isEqualTo(driver.now());
    }

    @Test
    void shouldBroadcastGatewayListWhenGatewayRegisters()
    {
        driver.registerGateway("gw-a");
        final int mark = driver.output().mark();
        driver.registerGateway("gw-b");

        assertThat(driver.output().since(mark)).anySatisfy(line -> assertThat(line)
            .startsWith("event(to=-1) GatewayListChanged")
            .contains("serverId=1").contains("serverId=2"));
    }

    @Test
    void shouldRejectTakenServerName()
    {
        driver.registerHost("host-a", 10, "1");

        final EngineDriver.Result result = driver.send("RegisterServer role=GATEWAY capacity=10 name=host-a " +
            "endpoint=ws://127.0.0.1:1 softwareVersion=1");

        assertThat(result.code()).isEqualTo("SERVER_NAME_TAKEN");
        assertThat(driver.engine().servers().size()).isEqualTo(1);
    }

    @Test
    void shouldRejectBadRegistrationsWithDistinctCodes()
    {
        assertThat(driver.send("RegisterServer role=GAME_HOST capacity=0 gameTypes=1 name=h endpoint=e softwareVersion=1")
            .code()).isEqualTo("INVALID_VALUE");
        assertThat(driver.send("RegisterServer role=GAME_HOST capacity=5 name=h endpoint=e softwareVersion=1")
            .code()).as("a host without game types").isEqualTo("INVALID_VALUE");
        assertThat(driver.send("RegisterServer role=GATEWAY capacity=5 gameTypes=1 name=h endpoint=e softwareVersion=1")
            .code()).as("a gateway with game types").isEqualTo("INVALID_VALUE");
        assertThat(driver.send("RegisterServer role=GAME_HOST capacity=5 gameTypes=1,1 name=h endpoint=e softwareVersion=1")
            .code()).as("duplicate game type").isEqualTo("INVALID_VALUE");
        assertThat(driver.send("RegisterServer role=GAME_HOST capacity=5 gameTypes=1 name=bad/name endpoint=e softwareVersion=1")
            .code()).isEqualTo("INVALID_NAME");
        assertThat(driver.send("RegisterServer role=GAME_HOST capacity=5 gameTypes=1 name=h endpoint=e")
            .code()).as("empty version").isEqualTo("INVALID_NAME");
        assertThat(driver.send("RegisterServer role=GAME_HOST capacity=5 gameTypes=1 name=" + "x".repeat(65) +
            " endpoint=e softwareVersion=1").code()).isEqualTo("STRING_TOO_LONG");
        assertThat(driver.engine().servers().size()).isZero();
    }

    @Test
    void shouldAnswerDirectoryFullWhenNoRoomForAnotherServer()
    {
        for (int i = 0; i < 8; i++)
        {
            driver.registerHost("host-" + i, 1, "1");
        }
        assertThat(driver.send("RegisterServer role=GAME_HOST capacity=5 gameTypes=1 name=one-more endpoint=e " +
            "softwareVersion=1").code()).isEqualTo("DIRECTORY_FULL");
    }

    @Test
    void shouldRecordHeartbeatLoadAndTime()
    {
        final long hostId = driver.registerHost("host-a", 10, "1");
        driver.advance(1_000);

        assertThat(driver.heartbeat(hostId, 7).ok()).isTrue();

        final Server host = driver.engine().servers().get(hostId);
        assertThat(host.load()).isEqualTo(7);
        assertThat(host.lastHeartbeatTime()).isEqualTo(driver.now());
        assertThat(host.freeCapacity()).isEqualTo(3);
    }

    @Test
    void shouldRejectHeartbeatOfUnknownServerAndNegativeLoad()
    {
        final long hostId = driver.registerHost("host-a", 10, "1");
        assertThat(driver.heartbeat(99, 1).code()).isEqualTo("UNKNOWN_SERVER");
        assertThat(driver.heartbeat(hostId, -1).code()).isEqualTo("INVALID_VALUE");
    }

    @Test
    void shouldMarkServerDeadWhenHeartbeatsStop()
    {
        final long hostId = driver.registerHost("host-a", 10, "1");
        final long gatewayId = driver.registerGateway("gw-a");
        driver.advance(3_000);
        driver.heartbeat(gatewayId, 0);
        driver.advance(2_000);

        driver.fireTimer();

        assertThat(driver.engine().servers().get(hostId).state()).isEqualTo(ServerState.DEAD);
        assertThat(driver.engine().servers().get(gatewayId).state()).isEqualTo(ServerState.ACTIVE);
        assertThat(driver.heartbeat(hostId, 0).code()).isEqualTo("SERVER_DEAD");
    }

    @Test
    void shouldScheduleTheNextSweepAtTheOldestLiveDeadline()
    {
        final int mark = driver.output().mark();
        driver.registerHost("host-a", 1, "1");
        assertThat(driver.output().since(mark)).contains("timer(id=1) at=6000");

        final long gatewayId = driver.advance(1_000).registerGateway("gw");
        driver.at(6_000);
        final List<String> afterSweep = driver.fireTimer();

        assertThat(afterSweep).contains("timer(id=1) at=7000");
        assertThat(driver.engine().servers().get(gatewayId).state()).isEqualTo(ServerState.ACTIVE);
        assertThat(driver.engine().livenessTimerDeadline()).isEqualTo(7_000);
    }

    @Test
    void shouldLetADeadServersNameBeRegisteredAgain()
    {
        final long oldId = driver.registerHost("host-a", 10, "1");
        driver.advance(5_000).fireTimer();

        final long newId = driver.registerHost("host-a", 10, "1");

        assertThat(newId).isNotEqualTo(oldId);
        assertThat(driver.engine().servers().get(oldId)).isNull();
        assertThat(driver.engine().servers().get(newId).state()).isEqualTo(ServerState.ACTIVE);
    }

    @Test
    void shouldDrainGatewayOutOfTheCheckInList()
    {
        final long a = driver.registerGateway("gw-a");
        final long b = driver.registerGateway("gw-b");
        final int mark = driver.output().mark();

        assertThat(driver.send("DrainServer serverId=" + a).ok()).isTrue();

        final List<String> lines = driver.output().since(mark);
        assertThat(lines).contains("event(to=" + a + ") DrainOrder serverId=" + a);
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("event(to=-1) GatewayListChanged")
            .doesNotContain("serverId=" + a + " ").contains("serverId=" + b));
        assertThat(driver.engine().servers().get(a).state()).isEqualTo(ServerState.DRAINING);
        assertThat(driver.checkIn(a, 10, "u10").code()).isEqualTo("SERVER_NOT_ACTIVE");
    }

    @Test
    void shouldNotPlaceInstancesOnDrainingHost()
    {
        final long gw = driver.registerGateway("gw");
        final long host = driver.registerHost("host-a", 10, "1");
        driver.checkIn(gw, 10, "u10");
        driver.send("DrainServer serverId=" + host);

        assertThat(driver.create(10, 1, 2).code()).isEqualTo("NO_CAPACITY");
    }

    @Test
    void shouldDeregisterServer()
    {
        final long host = driver.registerHost("host-a", 10, "1");

        assertThat(driver.send("DeregisterServer serverId=" + host).ok()).isTrue();

        assertThat(driver.engine().servers().get(host)).isNull();
        assertThat(driver.send("DeregisterServer serverId=" + host).code()).isEqualTo("UNKNOWN_SERVER");
    }

    @Test
    void shouldListServersInPagesWithCursor()
    {
        for (int i = 0; i < 5; i++)
        {
            driver.registerHost("host-" + i, 10, "1");
        }
        final String first = driver.query("ListServers cursor=0 maxResults=2");
        assertThat(first).startsWith("ServerList").contains("code=OK").contains("nextCursor=3")
            .contains("serverId=1").contains("serverId=2").doesNotContain("serverId=3");

        final String last = driver.query("ListServers cursor=5 maxResults=2");
        assertThat(last).contains("nextCursor=0").contains("serverId=5");

        assertThat(driver.query("ListServers cursor=0 maxResults=0")).contains("code=INVALID_VALUE");
    }
}
