package io.gamehall.host.api;

import io.gamehall.store.GameEvent;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Runs one {@link GameLogic} without a host, for the game's own tests: the test seats players,
 * delivers their messages, moves a clock it controls, and then looks at what the logic sent,
 * recorded, scheduled, backed up and how the game ended.
 * <p>
 * The harness also holds the logic to the {@link GameContext} contract: using the context
 * outside a callback or after {@link GameContext#end}, rejecting outside
 * {@link GameLogic#onMessage}, or rejecting a message after (or before) changing anything
 * throws an {@link IllegalStateException} that names the mistake. Driving it wrongly (seating a
 * player twice, a message from someone without a seat, a seat change after the end) throws too.
 * Exceptions thrown by the logic reach the test unchanged.
 * <p>
 * Not thread-safe: one test thread drives it.
 */
public final class GameHarness
{
    /** The largest kind and payload the host protocol carries (uint16). */
    private static final int MAX_UINT16 = 65535;

    /**
     * A message the logic sent.
     *
     * @param to        who it reached, in seat order.
     * @param broadcast whether it was sent with {@link GameContext#broadcast}.
     * @param kind      the game's message kind.
     * @param payload   a copy of the payload bytes.
     */
    public record Sent(List<Long> to, boolean broadcast, int kind, byte[] payload)
    {
        /**
         * @return the payload, to decode with the game's own layout.
         */
        public DirectBuffer buffer()
        {
            return new UnsafeBuffer(payload);
        }
    }

    private final InstanceSettings settings;
    private final Supplier<GameLogic> factory;
    private final Context ctx = new Context();
    private final UnsafeBuffer scratch = new UnsafeBuffer(new byte[MAX_UINT16]);
    private final List<Long> players = new ArrayList<>();
    private final Map<Long, Long> deadlineByTimerId = new TreeMap<>();
    private final List<Sent> sent = new ArrayList<>();
    private final List<GameEvent> history = new ArrayList<>();

    private GameLogic logic;
    private long nowMs;
    private GameResult result;

    private Thread callbackThread;
    private boolean inMessage;
    private boolean changedSomething;
    private String rejection;
    private boolean committed;
    private boolean checkpointed;

    /**
     * Make the logic, seat the owner and call {@link GameLogic#onCreate}.
     *
     * @param settings what the instance is created with; the owner is seated first.
     * @param startMs  the clock's start, ms since the epoch.
     * @param factory  makes the logic (again for {@link #saveAndRestore()}).
     */
    public GameHarness(final InstanceSettings settings, final long startMs, final Supplier<GameLogic> factory)
    {
        this.settings = settings;
        this.factory = factory;
        this.nowMs = startMs;
        this.logic = factory.get();
        players.add(settings.ownerId());
        callback(false, () -> logic.onCreate(ctx));
    }

    /**
     * Seat a player and call {@link GameLogic#onPlayerJoined}.
     */
    public void join(final long userId)
    {
        requireNotEnded("join");
        if (players.contains(userId))
        {
            throw new IllegalStateException("player " + userId + " is already seated");
        }
        if (players.size() >= settings.maxPlayers())
        {
            throw new IllegalStateException("all " + settings.maxPlayers() + " seats are taken");
        }
        players.add(userId);
        callback(false, () -> logic.onPlayerJoined(ctx, userId));
    }

    /**
     * Free a player's seat and call {@link GameLogic#onPlayerLeft} (the player is no longer
     * among {@link GameContext#players()} during the call).
     */
    public void leave(final long userId)
    {
        requireNotEnded("leave");
        requireSeated(userId);
        players.remove(userId);
        callback(false, () -> logic.onPlayerLeft(ctx, userId));
    }

    /**
     * Call {@link GameLogic#onPlayerReconnected} for a seated player.
     */
    public void reconnect(final long userId)
    {
        requireNotEnded("reconnect");
        requireSeated(userId);
        callback(false, () -> logic.onPlayerReconnected(ctx, userId));
    }

    /**
     * Deliver a message from a seated player. Allowed after the end too, as a message already
     * on its way when the game ended: the logic may only reject it then.
     *
     * @return the reason the logic rejected it with, or null when it was taken.
     */
    public String message(final long userId, final int kind, final byte... payload)
    {
        requireSeated(userId);
        final UnsafeBuffer buffer = new UnsafeBuffer(payload.clone());
        callback(true, () -> logic.onMessage(ctx, userId, kind, buffer, 0, payload.length));
        return rejection;
    }

    /**
     * Move the clock forward, firing every timer that falls due on the way, earliest deadline
     * first and the lower timer id first on a tie; the clock reads each timer's deadline while
     * it fires. Timers set while firing are fired too when due in time.
     */
    public void advance(final long ms)
    {
        if (ms < 0)
        {
            throw new IllegalArgumentException("the clock only goes forward: " + ms);
        }
        final long targetMs = nowMs + ms;
        Map.Entry<Long, Long> timer;
        while ((timer = nextDueTimer(targetMs)) != null)
        {
            final long timerId = timer.getKey();
            nowMs = timer.getValue();
            deadlineByTimerId.remove(timerId);
            callback(false, () -> logic.onTimer(ctx, timerId));
        }
        nowMs = targetMs;
    }

    /**
     * Take a backup with {@link GameLogic#saveState()}, then resume from it in a fresh logic
     * object through {@link GameLogic#onRestore} with the same players, as another host would.
     * Timers are dropped first (they are not carried over). A host backs up right after a
     * callback that committed or checkpointed; {@code saveState()} has no clock, so a game can
     * only know the time of its last callback.
     *
     * @return the backup.
     */
    public byte[] saveAndRestore()
    {
        return saveAndRestore(0);
    }

    /**
     * As {@link #saveAndRestore()}, on a host whose clock reads {@code clockShiftMs} more (or
     * less) than this one's: a backup must carry times as durations, not as this host's clock.
     *
     * @return the backup.
     */
    public byte[] saveAndRestore(final long clockShiftMs)
    {
        requireNotEnded("saveAndRestore");
        final byte[] state = logic.saveState();
        if (state == null)
        {
            throw new IllegalStateException("saveState() returned null");
        }
        deadlineByTimerId.clear();
        nowMs += clockShiftMs;
        logic = factory.get();
        callback(false, () -> logic.onRestore(ctx, state.clone()));
        return state;
    }

    /**
     * @return the logic now running (a new object after {@link #saveAndRestore()}).
     */
    public GameLogic logic()
    {
        return logic;
    }

    /**
     * @return the clock, ms since the epoch.
     */
    public long nowMs()
    {
        return nowMs;
    }

    /**
     * @return the seated players, in seat order.
     */
    public List<Long> players()
    {
        return List.copyOf(players);
    }

    /**
     * @return every message sent so far, in order.
     */
    public List<Sent> sent()
    {
        return Collections.unmodifiableList(sent);
    }

    /**
     * @return the messages sent so far that reached this user, in order.
     */
    public List<Sent> sentTo(final long userId)
    {
        final List<Sent> reached = new ArrayList<>();
        for (final Sent message : sent)
        {
            if (message.to().contains(userId))
            {
                reached.add(message);
            }
        }
        return reached;
    }

    /**
     * @return the last message sent that reached this user.
     * @throws IllegalStateException if none did.
     */
    public Sent lastSentTo(final long userId)
    {
        final List<Sent> reached = sentTo(userId);
        if (reached.isEmpty())
        {
            throw new IllegalStateException("nothing was sent to " + userId);
        }
        return reached.get(reached.size() - 1);
    }

    /**
     * Forget the messages sent so far, to look only at what comes next.
     */
    public void clearSent()
    {
        sent.clear();
    }

    /**
     * @return the history the logic recorded, with the clock's time of each event.
     */
    public List<GameEvent> history()
    {
        return Collections.unmodifiableList(history);
    }

    /**
     * @return the reason the last delivered message was rejected with, or null.
     */
    public String lastRejection()
    {
        return rejection;
    }

    /**
     * @return whether the last callback called {@link GameContext#commit()}.
     */
    public boolean committed()
    {
        return committed;
    }

    /**
     * @return whether the last callback called {@link GameContext#checkpoint()}.
     */
    public boolean checkpointed()
    {
        return checkpointed;
    }

    /**
     * @return whether the logic ended the game.
     */
    public boolean ended()
    {
        return result != null;
    }

    /**
     * @return how the game ended, or null while it runs.
     */
    public GameResult result()
    {
        return result;
    }

    /**
     * @return the timers set now: id → deadline (ms since the epoch), by id.
     */
    public Map<Long, Long> timers()
    {
        return Collections.unmodifiableMap(new TreeMap<>(deadlineByTimerId));
    }

    private Map.Entry<Long, Long> nextDueTimer(final long targetMs)
    {
        Map.Entry<Long, Long> earliest = null;
        for (final Map.Entry<Long, Long> timer : deadlineByTimerId.entrySet())
        {
            if (timer.getValue() <= targetMs && (earliest == null || timer.getValue() < earliest.getValue()))
            {
                earliest = timer;
            }
        }
        return earliest == null ? null : Map.entry(earliest.getKey(), earliest.getValue());
    }

    private void callback(final boolean message, final Runnable call)
    {
        callbackThread = Thread.currentThread();
        inMessage = message;
        changedSomething = false;
        rejection = null;
        committed = false;
        checkpointed = false;
        try
        {
            call.run();
        }
        finally
        {
            callbackThread = null;
            inMessage = false;
            scratch.setMemory(0, scratch.capacity(), (byte)0xEE);
        }
    }

    private void requireSeated(final long userId)
    {
        if (!players.contains(userId))
        {
            throw new IllegalStateException("player " + userId + " has no seat");
        }
    }

    private void requireNotEnded(final String what)
    {
        if (result != null)
        {
            throw new IllegalStateException(what + ": the game has ended (" + result.summary() + ")");
        }
    }

    /**
     * The context the logic sees; every call checks that the logic may make it now.
     */
    private final class Context implements GameContext
    {
        @Override
        public long instanceId()
        {
            requireCallback("instanceId");
            return 1;
        }

        @Override
        public InstanceSettings settings()
        {
            requireCallback("settings");
            return settings;
        }

        @Override
        public long nowMs()
        {
            requireCallback("nowMs");
            return nowMs;
        }

        @Override
        public List<Long> players()
        {
            requireCallback("players");
            return List.copyOf(players);
        }

        @Override
        public boolean isPlayer(final long userId)
        {
            requireCallback("isPlayer");
            return players.contains(userId);
        }

        @Override
        public void send(final long userId, final int kind, final DirectBuffer payload, final int offset, final int length)
        {
            requireChange("send");
            if (!players.contains(userId))
            {
                throw new IllegalStateException("ctx.send to " + userId + ", who has no seat");
            }
            sent.add(new Sent(List.of(userId), false, kind, copy(kind, payload, offset, length)));
        }

        @Override
        public void broadcast(final int kind, final DirectBuffer payload, final int offset, final int length)
        {
            requireChange("broadcast");
            sent.add(new Sent(List.copyOf(players), true, kind, copy(kind, payload, offset, length)));
        }

        @Override
        public MutableDirectBuffer scratch()
        {
            requireCallback("scratch");
            return scratch;
        }

        @Override
        public void reject(final String reason)
        {
            requireCallback("reject");
            if (!inMessage)
            {
                throw new IllegalStateException("ctx.reject outside onMessage: only a player's message can be rejected");
            }
            if (rejection != null)
            {
                throw new IllegalStateException("ctx.reject twice for one message");
            }
            if (changedSomething)
            {
                throw new IllegalStateException("ctx.reject after sending, recording, scheduling, committing or " +
                    "ending: a rejected message must change nothing");
            }
            if (reason == null || reason.isEmpty())
            {
                throw new IllegalArgumentException("a rejection needs a reason");
            }
            rejection = reason;
        }

        @Override
        public void schedule(final long timerId, final long delayMs)
        {
            requireChange("schedule");
            if (delayMs < 0)
            {
                throw new IllegalArgumentException("timer delay must be >= 0: " + delayMs);
            }
            deadlineByTimerId.put(timerId, nowMs + delayMs);
        }

        @Override
        public void cancel(final long timerId)
        {
            requireChange("cancel");
            deadlineByTimerId.remove(timerId);
        }

        @Override
        public void record(final long playerId, final int kind, final DirectBuffer payload, final int offset, final int length)
        {
            requireChange("record");
            history.add(new GameEvent(nowMs, playerId, kind, copy(kind, payload, offset, length)));
        }

        @Override
        public void commit()
        {
            requireChange("commit");
            committed = true;
        }

        @Override
        public void checkpoint()
        {
            requireChange("checkpoint");
            checkpointed = true;
        }

        @Override
        public void end(final GameResult gameResult)
        {
            requireChange("end");
            if (gameResult == null)
            {
                throw new IllegalArgumentException("ctx.end needs a result");
            }
            result = gameResult;
            deadlineByTimerId.clear();
        }

        private void requireCallback(final String what)
        {
            if (callbackThread != Thread.currentThread())
            {
                throw new IllegalStateException("ctx." + what + " outside a GameLogic callback (or on another " +
                    "thread): the context is valid only during a callback, on its thread");
            }
        }

        private void requireChange(final String what)
        {
            requireCallback(what);
            if (result != null)
            {
                throw new IllegalStateException("ctx." + what + " after ctx.end: the game is over");
            }
            if (rejection != null)
            {
                throw new IllegalStateException("ctx." + what + " after ctx.reject: a rejected message must change nothing");
            }
            changedSomething = true;
        }

        private byte[] copy(final int kind, final DirectBuffer payload, final int offset, final int length)
        {
            if (kind < 0 || kind > MAX_UINT16)
            {
                throw new IllegalArgumentException("kind must be 0.." + MAX_UINT16 + ": " + kind);
            }
            if (length < 0 || length > MAX_UINT16 || offset < 0 || offset + length > payload.capacity())
            {
                throw new IllegalArgumentException("payload [" + offset + ", +" + length + ") is outside the buffer " +
                    "or over " + MAX_UINT16 + " bytes");
            }
            final byte[] bytes = new byte[length];
            payload.getBytes(offset, bytes);
            return bytes;
        }
    }
}
