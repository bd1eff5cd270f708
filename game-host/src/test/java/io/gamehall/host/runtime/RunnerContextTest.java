package io.gamehall.host.runtime;

import io.gamehall.host.api.GameResult;
import io.gamehall.host.api.InstanceSettings;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunnerContextTest
{
    private static final long NOW = 10_000;
    private final RecordingSink sink = new RecordingSink();
    private final Outbox outbox = new Outbox(sink, new HostCounters());
    private final InstanceTimers timers = new InstanceTimers(NOW);
    private final RunnerContext ctx = new RunnerContext(outbox, timers, () -> NOW);
    private final Instance instance = new Instance(9, new InstanceSettings(1, 70, 3, 0, 0, 0), null);
    private final UnsafeBuffer payload = new UnsafeBuffer(new byte[]{ 1, 2, 3 });

    RunnerContextTest()
    {
        instance.seat(70, 5);
        instance.seat(71, 6);
        instance.seat(72, 5);
    }

    @Test
    void outsideACallbackTheContextRefusesUse()
    {
        assertThatThrownBy(ctx::players).isInstanceOf(IllegalStateException.class);
        ctx.begin(instance, 0, 0, 0, false);
        assertThat(ctx.instanceId()).isEqualTo(9);
        ctx.finish();
        assertThatThrownBy(ctx::instanceId).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ctx.send(70, 1, payload, 0, 3)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void sendGoesToThePlayersGatewayAndBroadcastOnceToEachGateway()
    {
        ctx.begin(instance, 0, 0, 0, false);
        ctx.send(71, 4, payload, 0, 3);
        ctx.send(99, 4, payload, 0, 3);
        ctx.broadcast(5, payload, 0, 3);
        outbox.flush();

        assertThat(sink.sent).containsExactly(
            "gw6: event 9 kind=4 to=71",
            "gw5: event 9 kind=5 to=70,72",
            "gw6: event 9 kind=5 to=71");
    }

    @Test
    void playersAndTime()
    {
        ctx.begin(instance, 0, 0, 0, false);

        assertThat(ctx.players()).containsExactly(70L, 71L, 72L);
        assertThat(ctx.isPlayer(71)).isTrue();
        assertThat(ctx.isPlayer(99)).isFalse();
        assertThat(ctx.nowMs()).isEqualTo(NOW);
        assertThat(ctx.settings().maxPlayers()).isEqualTo(3);
    }

    @Test
    void rejectOnlyAnswersAMessage()
    {
        ctx.begin(instance, 0, 0, 0, false);
        assertThatThrownBy(() -> ctx.reject("no")).isInstanceOf(IllegalStateException.class);

        ctx.begin(instance, 71, 6, 3, true);
        ctx.reject("");
        assertThat(ctx.rejection()).isEqualTo("rejected");
        assertThat(ctx.sender()).isEqualTo(71);
        assertThat(ctx.senderGateway()).isEqualTo(6);
        assertThat(ctx.sequence()).isEqualTo(3);

        ctx.begin(instance, 71, 6, 4, true);
        assertThat(ctx.rejection()).isNull();
    }

    @Test
    void requestsAreCollectedForTheRunnerAndClearedByTheNextCallback()
    {
        ctx.begin(instance, 0, 0, 0, false);
        ctx.commit();
        ctx.checkpoint();
        ctx.record(70, 2, payload, 1, 2);
        final GameResult result = GameResult.draw(List.of(70L, 71L), "draw");
        ctx.end(result);

        assertThat(ctx.commitRequested()).isTrue();
        assertThat(ctx.checkpointRequested()).isTrue();
        assertThat(ctx.result()).isSameAs(result);
        assertThat(instance.history).singleElement().satisfies(e ->
        {
            assertThat(e.timeMs()).isEqualTo(NOW);
            assertThat(e.payload()).containsExactly(2, 3);
        });
        assertThatThrownBy(ctx::commit).isInstanceOf(IllegalStateException.class).hasMessageContaining("ended");

        ctx.begin(instance, 0, 0, 0, false);
        assertThat(ctx.commitRequested()).isFalse();
        assertThat(ctx.result()).isNull();
    }

    @Test
    void timersAreSetFromNowAndReservedIdsRefused()
    {
        ctx.begin(instance, 0, 0, 0, false);
        ctx.schedule(1, 20);
        ctx.schedule(2, -5);
        ctx.cancel(1);

        assertThat(instance.timers.containsKey(1)).isFalse();
        assertThat(instance.timers.containsKey(2)).isTrue();
        assertThatThrownBy(() -> ctx.schedule(InstanceTimers.BACKUP_RETRY_TIMER, 1))
            .isInstanceOf(IllegalArgumentException.class);
    }
}
