package io.gamehall.bot;

import io.gamehall.sbe.client.ClientCode;
import io.gamehall.sbe.client.CloseCause;
import io.gamehall.sbe.client.KickCause;
import io.gamehall.sbe.client.ResumeKind;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.concurrent.RejectedExecutionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * The client's events of one connection as the bot gets them, with an executor whose queue the
 * test runs by hand and a clock it sets.
 */
class ClientEventAdapterTest
{
    private static final int STATE_KIND = 7;
    private static final long GENERATION = 3;

    private final Queue<Runnable> queued = new ArrayDeque<>();
    private final RecordingEvents events = new RecordingEvents();
    private long nanos = 100;
    private final ClientEventAdapter adapter =
        new ClientEventAdapter(GENERATION, new StateKindStrategy(), queued::add, events, () -> nanos);

    @Test
    void onlyStateEventsAreHandedOverAsACopyOfTheirPayload()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[]{ 9, 1, 2, 3, 9 });

        adapter.onGameEvent(11, STATE_KIND + 1, buffer, 1, 3);
        assertThat(queued).isEmpty();

        adapter.onGameEvent(11, STATE_KIND, buffer, 1, 3);
        buffer.putByte(1, (byte)42); // the client reuses its buffer once the call returns
        runQueued();

        assertThat(events.seen).containsExactly("state 3 11 [1, 2, 3]");
    }

    @Test
    void anEventOfAnEarlierConnectionIsDroppedWhenItRuns()
    {
        adapter.onInstanceClosed(11, CloseCause.GAME_OVER, "");
        adapter.onResumed(ResumeKind.NEW_SESSION, "ws://127.0.0.1:1/ws");
        events.generation = GENERATION + 1; // the bot started over before the queue ran

        runQueued();

        assertThat(events.seen).isEmpty();
    }

    @Test
    void nothingIsHandedOverWhileTheBotStops()
    {
        events.stopping = true;

        adapter.onInstanceClosed(11, CloseCause.GAME_OVER, "");
        adapter.onGaveUp("no gateway");
        adapter.onDisconnected("reset");

        assertThat(queued).isEmpty();
    }

    @Test
    void aGatewayClosingIsNoKickTheOthersAre()
    {
        adapter.onKicked(KickCause.GATEWAY_CLOSING);
        assertThat(queued).isEmpty();

        adapter.onKicked(KickCause.LOGGED_IN_ELSEWHERE);
        runQueued();

        assertThat(events.seen).containsExactly("kicked 3 LOGGED_IN_ELSEWHERE");
    }

    @Test
    void aDropIsTimedWhenItHappensNotWhenTheBotGetsToIt()
    {
        adapter.onDisconnected("reset");
        nanos = 5_000;
        runQueued();
        adapter.onResumed(ResumeKind.NEW_SESSION, "ws://127.0.0.1:1/ws");
        adapter.onGaveUp("no gateway");
        runQueued();

        assertThat(events.seen).containsExactly("disconnected 3 100", "resumed 3", "gave up 3");
    }

    @Test
    void onlyAnErrorOutsideAnyInstanceAndRequestIsAProtocolError()
    {
        adapter.onGameError(11, 4, ClientCode.UNKNOWN_INSTANCE, "late");
        adapter.onGameError(0, 0, ClientCode.UNKNOWN_INSTANCE, "bad frame");

        assertThat(queued).isEmpty(); // counted at once, on the client's thread
        assertThat(events.seen).containsExactly("protocol UNKNOWN_INSTANCE");
    }

    @Test
    void anEventLoopThatIsShuttingDownIsNoFailure()
    {
        final ClientEventAdapter closing = new ClientEventAdapter(GENERATION, new StateKindStrategy(), work ->
        {
            throw new RejectedExecutionException("shut down");
        }, events, () -> nanos);

        assertThatCode(() -> closing.onInstanceClosed(11, CloseCause.GAME_OVER, "")).doesNotThrowAnyException();
        assertThat(events.seen).isEmpty();
    }

    private void runQueued()
    {
        for (int i = 0; i < 100 && !queued.isEmpty(); i++)
        {
            queued.poll().run();
        }
        assertThat(queued).isEmpty();
    }

    private static final class RecordingEvents implements ClientEventAdapter.BotEvents
    {
        private final List<String> seen = new ArrayList<>();
        private long generation = GENERATION;
        private boolean stopping;

        @Override
        public boolean stopping()
        {
            return stopping;
        }

        @Override
        public boolean current(final long gen)
        {
            return !stopping && gen == generation;
        }

        @Override
        public void onState(final long gen, final long instanceId, final byte[] state)
        {
            seen.add("state " + gen + " " + instanceId + " " + Arrays.toString(state));
        }

        @Override
        public void onClosed(final long gen, final long instanceId, final CloseCause cause)
        {
            seen.add("closed " + gen + " " + instanceId + " " + cause);
        }

        @Override
        public void onKicked(final long gen, final KickCause cause)
        {
            seen.add("kicked " + gen + " " + cause);
        }

        @Override
        public void onDisconnected(final long gen, final long atNanos)
        {
            seen.add("disconnected " + gen + " " + atNanos);
        }

        @Override
        public void onResumed(final long gen)
        {
            seen.add("resumed " + gen);
        }

        @Override
        public void onGaveUp(final long gen)
        {
            seen.add("gave up " + gen);
        }

        @Override
        public void onProtocolError(final ClientCode code)
        {
            seen.add("protocol " + code);
        }
    }

    /**
     * Events of kind {@link #STATE_KIND} carry the state; nothing else is used here.
     */
    private static final class StateKindStrategy implements GameStrategy
    {
        @Override
        public int gameType()
        {
            return 1;
        }

        @Override
        public int defaultMode()
        {
            return 0;
        }

        @Override
        public int seats()
        {
            return 2;
        }

        @Override
        public boolean isState(final int eventKind)
        {
            return eventKind == STATE_KIND;
        }

        @Override
        public State read(final byte[] state, final long userId)
        {
            return null;
        }

        @Override
        public Move move(final byte[] state, final SplittableRandom random)
        {
            return null;
        }
    }
}
