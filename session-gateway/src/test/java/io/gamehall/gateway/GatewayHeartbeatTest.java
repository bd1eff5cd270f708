package io.gamehall.gateway;

import io.gamehall.sbe.master.ResultCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

class GatewayHeartbeatTest
{
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final List<Long> newIds = new CopyOnWriteArrayList<>();
    private MasterRequests.Outcome heartbeatAnswer = FakeMaster.ok(0, 0);
    private MasterRequests.Outcome registerAnswer = FakeMaster.ok(70, 0);
    private Throwable failure;

    private final MasterRegistry master = new MasterRegistry()
    {
        public CompletableFuture<MasterRequests.Outcome> registerGateway(final String name, final String url,
            final int capacity, final String version)
        {
            calls.add("register " + name + " " + url + " " + capacity + " " + version);
            return CompletableFuture.completedFuture(registerAnswer);
        }

        public CompletableFuture<MasterRequests.Outcome> heartbeat(final long serverId, final int load)
        {
            calls.add("heartbeat " + serverId + " " + load);
            return failure != null ? CompletableFuture.failedFuture(failure) :
                CompletableFuture.completedFuture(heartbeatAnswer);
        }
    };
    private final GatewayHeartbeat heartbeat = new GatewayHeartbeat(master, "gateway-1", "ws://127.0.0.1:8080/ws",
        500, "1.0", () -> 7, () -> 12, newIds::add);

    @Test
    void shouldBeatWithTheGatewaysIdAndSessionsAndNotRegisterWhileTheMasterKnowsIt()
    {
        heartbeat.run();

        assertThat(calls).containsExactly("heartbeat 7 12");
        assertThat(newIds).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = ResultCode.class, names = {"SERVER_DEAD", "UNKNOWN_SERVER"})
    void shouldRegisterAgainAndMoveToTheNewIdWhenTheMasterLostTheGateway(final ResultCode code)
    {
        heartbeatAnswer = FakeMaster.refused(code);

        heartbeat.run();

        assertThat(calls).containsExactly("heartbeat 7 12", "register gateway-1 ws://127.0.0.1:8080/ws 500 1.0");
        assertThat(newIds).containsExactly(70L);
    }

    @Test
    void shouldKeepTheOldIdWhenRegisteringAgainIsRefusedAndDoNothingWithoutAnAnswer()
    {
        heartbeatAnswer = FakeMaster.refused(ResultCode.SERVER_DEAD);
        registerAnswer = FakeMaster.refused(ResultCode.DIRECTORY_FULL);
        heartbeat.run();
        assertThat(newIds).isEmpty();

        calls.clear();
        failure = new IllegalStateException("no master");
        heartbeat.run();
        assertThat(calls).containsExactly("heartbeat 7 12");
    }
}
