package io.gamehall.host.runtime;

import io.gamehall.host.api.InstanceSettings;
import io.gamehall.sbe.host.PlayerSyncEncoder;
import io.gamehall.sbe.master.MessageHeaderEncoder;
import io.gamehall.sbe.master.PlayerLeftEncoder;
import org.agrona.DirectBuffer;
import org.agrona.collections.LongArrayList;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DeferredInputTest
{
    private final List<String> applied = new ArrayList<>();
    private final Instance instance = new Instance(9, new InstanceSettings(1, 70, 2, 0, 0, 0), null);
    private boolean live = true;
    private final RunnerInboxAdapter adapter = new RunnerInboxAdapter(new Handler());
    private final DeferredInput deferred = new DeferredInput(i -> live, adapter,
        (i, timerId) -> applied.add("timer " + timerId + " of " + i.id));
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);

    @Test
    void inputWaitsWhileLoadingAndIsAppliedInOrderWhenActive()
    {
        instance.phase = Instance.Phase.LOADING;
        deferSync(71);
        deferred.deferTimer(instance, 4);
        deferLeft(71);
        assertThat(instance.mustDefer()).isTrue();

        deferred.drain(instance);
        assertThat(applied).isEmpty();

        instance.phase = Instance.Phase.ACTIVE;
        deferred.drain(instance);

        assertThat(applied).containsExactly("sync 71 replay=true", "timer 4 of 9", "left 71 replay=true");
        assertThat(instance.mustDefer()).isFalse();
    }

    @Test
    void drainingStopsWhenAStepHoldsOutputBackAgain()
    {
        instance.phase = Instance.Phase.ACTIVE;
        deferred.deferTimer(instance, 1);
        deferred.deferTimer(instance, 2);
        final DeferredInput holding = new DeferredInput(i -> live, adapter, (i, timerId) ->
        {
            applied.add("timer " + timerId);
            i.holdUntilVersion = 1;
        });

        holding.drain(instance);
        assertThat(applied).containsExactly("timer 1");

        instance.holdUntilVersion = 0;
        holding.drain(instance);
        assertThat(applied).containsExactly("timer 1", "timer 2");
    }

    @Test
    void nothingIsAppliedToARemovedInstance()
    {
        instance.phase = Instance.Phase.ACTIVE;
        deferred.deferTimer(instance, 1);
        live = false;

        deferred.drain(instance);

        assertThat(applied).isEmpty();
    }

    private void deferSync(final long userId)
    {
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + new PlayerSyncEncoder()
            .wrapAndApplyHeader(buffer, 0, new io.gamehall.sbe.host.MessageHeaderEncoder())
            .gatewayId(5).instanceId(9).userId(userId).encodedLength();
        deferred.defer(instance, RunnerInboxAdapter.PLAYER_SYNC, buffer, 0, length);
    }

    private void deferLeft(final long userId)
    {
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + new PlayerLeftEncoder()
            .wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder()).hostId(1).instanceId(9).userId(userId)
            .encodedLength();
        deferred.defer(instance, RunnerInboxAdapter.MASTER_EVENT, buffer, 0, length);
    }

    private final class Handler implements RunnerInboxAdapter.Handler
    {
        public boolean onPlayerMessage(final long gatewayId, final long instanceId, final long userId, final long sequence,
            final int kind, final DirectBuffer payload, final int payloadOffset, final int payloadLength, final boolean replay)
        {
            applied.add("message " + userId);
            return true;
        }

        public boolean onPlayerSync(final long gatewayId, final long instanceId, final long userId, final boolean replay)
        {
            applied.add("sync " + userId + " replay=" + replay);
            return true;
        }

        public void onSpawn(final long instanceId, final InstanceSettings settings, final long ownerGatewayId)
        {
        }

        public void onRestore(final long instanceId, final InstanceSettings settings, final LongArrayList users,
            final LongArrayList gateways)
        {
        }

        public boolean onPlayerJoined(final long instanceId, final long userId, final long gatewayId, final boolean replay)
        {
            return true;
        }

        public boolean onPlayerLeft(final long instanceId, final long userId, final boolean replay)
        {
            applied.add("left " + userId + " replay=" + replay);
            return true;
        }

        public boolean onPlayerReattached(final long instanceId, final long userId, final long gatewayId,
            final boolean replay)
        {
            return true;
        }

        public void onTerminate(final long instanceId)
        {
        }

        public void defer(final long instanceId, final int type, final DirectBuffer buffer, final int offset,
            final int length)
        {
            applied.add("deferred again");
        }
    }
}
