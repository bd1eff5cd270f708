package io.gamehall.master;

import io.gamehall.master.support.EngineDriver;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ExactlyOnceTest
{
    private final EngineDriver driver = new EngineDriver(new EngineConfig()
        .maxServers(8).maxUsers(64).maxInstances(64).dedupWindow(4).maxClients(2));

    @Test
    void shouldAnswerRetryWithRecordedResultAndNoSecondEffect()
    {
        final long gw = driver.registerGateway("gw");
        driver.registerHost("host", 10, "1");
        driver.checkIn(gw, 1, "alice");
        final String create = "CreateInstance clientId=7 requestId=1 ownerId=1 gameType=1 maxPlayers=2";
        final List<String> first = driver.raw(create);
        final long hash = driver.engine().stateHash();

        final List<String> retry = driver.raw(create);

        assertThat(first).anyMatch(line -> line.startsWith("event(to=2) SpawnInstance"));
        assertThat(retry).as("only the response, no events").hasSize(1);
        assertThat(retry.get(0)).isEqualTo(first.get(first.size() - 1));
        assertThat(driver.engine().stateHash()).isEqualTo(hash);
        assertThat(driver.engine().instances().size()).isEqualTo(1);
    }

    @Test
    void shouldReplayRejectionsToo()
    {
        final String heartbeat = "ServerHeartbeat clientId=7 requestId=1 serverId=42 load=1";
        final List<String> first = driver.raw(heartbeat);
        driver.registerHost("host", 10, "1");

        assertThat(driver.raw(heartbeat)).isEqualTo(first);
        assertThat(first.get(0)).contains("code=UNKNOWN_SERVER");
    }

    @Test
    void shouldAnswerEveryRetryInsideTheWindowAfterPipelinedRequests()
    {
        final long gw = driver.registerGateway("gw");
        final List<String> a = driver.raw("CheckInUser clientId=7 requestId=10 gatewayId=" + gw + " userId=1 userName=a");
        final List<String> b = driver.raw("CheckInUser clientId=7 requestId=11 gatewayId=" + gw + " userId=2 userName=b");
        final List<String> c = driver.raw("CheckInUser clientId=7 requestId=13 gatewayId=" + gw + " userId=3 userName=c");

        assertThat(driver.raw("CheckInUser clientId=7 requestId=11 gatewayId=" + gw + " userId=2 userName=b")).isEqualTo(b);
        assertThat(driver.raw("CheckInUser clientId=7 requestId=10 gatewayId=" + gw + " userId=1 userName=a")).isEqualTo(a);
        assertThat(driver.raw("CheckInUser clientId=7 requestId=13 gatewayId=" + gw + " userId=3 userName=c")).isEqualTo(c);
        assertThat(driver.engine().users().size()).isEqualTo(3);
    }

    @Test
    void shouldRefuseRetryOlderThanTheWindow()
    {
        final long gw = driver.registerGateway("gw");
        driver.raw("CheckInUser clientId=7 requestId=1 gatewayId=" + gw + " userId=1 userName=a");
        for (int r = 2; r <= 6; r++)
        {
            driver.raw("ServerHeartbeat clientId=7 requestId=" + r + " serverId=" + gw + " load=0");
        }

        final List<String> old = driver.raw("CheckInUser clientId=7 requestId=1 gatewayId=" + gw + " userId=1 userName=a");

        assertThat(old.get(0)).contains("code=REQUEST_TOO_OLD");
    }

    @Test
    void shouldForgetLeastRecentlyUsedClientIdleForAMinuteWhenTableIsFull()
    {
        final long gw = driver.registerGateway("gw");
        driver.advance(ClientTable.EVICTABLE_AFTER_MS);
        driver.raw("CheckInUser clientId=7 requestId=1 gatewayId=" + gw + " userId=1 userName=a");
        driver.raw("ServerHeartbeat clientId=8 requestId=1 serverId=" + gw + " load=0");
        driver.advance(ClientTable.EVICTABLE_AFTER_MS);
        driver.raw("ServerHeartbeat clientId=7 requestId=2 serverId=" + gw + " load=0");
        driver.raw("ServerHeartbeat clientId=9 requestId=1 serverId=" + gw + " load=0");

        final List<String> retry7 = driver.raw("CheckInUser clientId=7 requestId=1 gatewayId=" + gw + " userId=1 userName=a");

        assertThat(driver.engine().remembersClient(8)).as("client 8 was idle for a minute and forgotten").isFalse();
        assertThat(driver.engine().remembersClient(9)).isTrue();
        assertThat(retry7.get(0)).as("client 7 was used more recently").contains("code=OK");
    }

    @Test
    void shouldRefuseNewClientRatherThanForgetOneActiveWithinAMinute()
    {
        final long gw = driver.registerGateway("gw");
        final List<String> checkIn = driver.raw("CheckInUser clientId=7 requestId=1 gatewayId=" + gw + " userId=1 userName=a");
        driver.advance(ClientTable.EVICTABLE_AFTER_MS - 1);
        final long hash = driver.engine().stateHash();

        final List<String> flood = driver.raw("ServerHeartbeat clientId=9 requestId=1 serverId=" + gw + " load=0");

        assertThat(flood.get(0)).contains("clientId=9").contains("requestId=1").contains("code=CLIENT_TABLE_FULL");
        assertThat(driver.engine().stateHash()).as("nothing changed").isEqualTo(hash);
        assertThat(driver.engine().remembersClient(9)).isFalse();
        assertThat(driver.raw("CheckInUser clientId=7 requestId=1 gatewayId=" + gw + " userId=1 userName=a"))
            .as("the retry of a client active a minute ago is still answered from memory").isEqualTo(checkIn);
    }

    @Test
    void shouldRejectMissingClientOrRequestIdWithoutRecordingIt()
    {
        assertThat(driver.raw("ServerHeartbeat clientId=0 requestId=1 serverId=1 load=0").get(0)).contains("code=INVALID_VALUE");
        assertThat(driver.raw("ServerHeartbeat clientId=7 requestId=0 serverId=1 load=0").get(0)).contains("code=INVALID_VALUE");
        assertThat(driver.engine().stateHash()).isEqualTo(new EngineDriver().engine().stateHash());
    }
}
