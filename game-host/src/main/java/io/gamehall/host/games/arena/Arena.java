package io.gamehall.host.games.arena;

import io.gamehall.host.api.GameCatalog;
import io.gamehall.host.api.GameContext;
import io.gamehall.host.api.GameLogic;
import io.gamehall.host.api.GameResult;
import io.gamehall.store.PlayerOutcome;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import static io.gamehall.games.protocol.ArenaProtocol.EVENT_GAME_OVER;
import static io.gamehall.games.protocol.ArenaProtocol.EVENT_ROSTER;
import static io.gamehall.games.protocol.ArenaProtocol.EVENT_SNAPSHOT;
import static io.gamehall.games.protocol.ArenaProtocol.HISTORY_ENTERED;
import static io.gamehall.games.protocol.ArenaProtocol.HISTORY_HIT;
import static io.gamehall.games.protocol.ArenaProtocol.HISTORY_LEFT;
import static io.gamehall.games.protocol.ArenaProtocol.HISTORY_OUT;
import static io.gamehall.games.protocol.ArenaProtocol.INPUT_LENGTH;
import static io.gamehall.games.protocol.ArenaProtocol.MODE_LONG;
import static io.gamehall.games.protocol.ArenaProtocol.MODE_SHORT;
import static io.gamehall.games.protocol.ArenaProtocol.MODE_STANDARD;
import static io.gamehall.games.protocol.ArenaProtocol.MSG_INPUT;
import static io.gamehall.games.protocol.ArenaProtocol.NAME;
import static io.gamehall.games.protocol.ArenaProtocol.NONE;
import static io.gamehall.games.protocol.ArenaProtocol.OVER_LAST_STANDING;
import static io.gamehall.games.protocol.ArenaProtocol.OVER_LENGTH;
import static io.gamehall.games.protocol.ArenaProtocol.OVER_REASON;
import static io.gamehall.games.protocol.ArenaProtocol.OVER_TICK;
import static io.gamehall.games.protocol.ArenaProtocol.OVER_TIME_LIMIT;
import static io.gamehall.games.protocol.ArenaProtocol.OVER_WINNER;
import static io.gamehall.games.protocol.ArenaProtocol.SNAPSHOT_FIGHTERS;
import static io.gamehall.games.protocol.ArenaProtocol.SNAPSHOT_FIGHTER_BYTES;
import static io.gamehall.games.protocol.ArenaProtocol.SNAPSHOT_PROJECTILE_BYTES;
import static io.gamehall.games.protocol.ArenaProtocol.SNAPSHOT_TICK;
import static io.gamehall.games.protocol.ArenaProtocol.SNAPSHOT_TICKS_LEFT;
import static io.gamehall.games.protocol.ArenaProtocol.TYPE_ID;

/**
 * A small real-time arena for 2..16 players: everyone steers and shoots, the world advances
 * 20 times a second and every player is sent a snapshot each tick. The last player in play
 * wins; at the time limit (chosen by {@link io.gamehall.host.api.InstanceSettings#mode()}) the
 * healthiest wins, more hits breaking a tie, or the best tie draws.
 * <p>
 * The game starts when a second player sits down; later players join the running game while
 * there are seats, and a seat whose player left or was knocked out is not given again.
 * Nothing is held back for a backup: the state is checkpointed every
 * {@link #CHECKPOINT_TICKS} ticks. Its messages and events are laid out as
 * {@link io.gamehall.games.protocol.ArenaProtocol} says; its backup as {@code docs/sample-games.md} says;
 * all numbers are little-endian.
 */
public final class Arena implements GameLogic
{
    /** Milliseconds between ticks. */
    public static final int TICK_MS = 50;
    /** Ticks between checkpoints. */
    public static final int CHECKPOINT_TICKS = 20;

    static final long TIMER_TICK = 1;

    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;
    private static final int PHASE_WAITING = 0;
    private static final int PHASE_PLAYING = 1;
    private static final int PHASE_OVER = 2;
    private static final int BACKUP_VERSION = 1;
    private static final int BACKUP_END = 0xA7ED;
    private static final int BACKUP_HEADER = 16;

    private final Field field = new Field();
    private final long[] users = new long[Field.MAX_FIGHTERS];
    private final HistoryRecorder recorder = new HistoryRecorder();
    private int phase = PHASE_WAITING;
    private int limitTicks;
    private int tick;
    private long nextTickAtMs;
    private long lastNowMs;

    /**
     * Register the arena under {@link #TYPE_ID} and {@link #NAME}.
     *
     * @return the catalog, for chaining.
     */
    public static GameCatalog register(final GameCatalog catalog)
    {
        return catalog.register(TYPE_ID, NAME, Arena::new);
    }

    /**
     * @return the length of a game in ticks for a mode.
     * @throws IllegalArgumentException for an unknown mode.
     */
    public static int limitTicks(final int mode)
    {
        final int ticksPerSecond = 1000 / TICK_MS;
        switch (mode)
        {
            case MODE_STANDARD:
                return 120 * ticksPerSecond;
            case MODE_SHORT:
                return 60 * ticksPerSecond;
            case MODE_LONG:
                return 300 * ticksPerSecond;
            default:
                throw new IllegalArgumentException("arena has no mode " + mode + " (0 standard, 1 short, 2 long)");
        }
    }

    @Override
    public void onCreate(final GameContext ctx)
    {
        lastNowMs = ctx.nowMs();
        final int seats = ctx.settings().maxPlayers();
        if (seats < 2 || seats > Field.MAX_FIGHTERS)
        {
            throw new IllegalArgumentException("arena needs 2.." + Field.MAX_FIGHTERS + " seats, not " + seats);
        }
        limitTicks = limitTicks(ctx.settings().mode());
    }

    @Override
    public void onPlayerJoined(final GameContext ctx, final long userId)
    {
        lastNowMs = ctx.nowMs();
        if (phase == PHASE_WAITING)
        {
            if (ctx.players().size() >= 2)
            {
                start(ctx);
            }
            return;
        }
        if (slotOf(userId) < 0 && field.fighters() < ctx.settings().maxPlayers())
        {
            enter(ctx, userId);
        }
        broadcastRoster(ctx);
    }

    @Override
    public void onPlayerLeft(final GameContext ctx, final long userId)
    {
        lastNowMs = ctx.nowMs();
        final int slot = slotOf(userId);
        if (phase != PHASE_PLAYING || slot < 0 || field.status(slot) != Field.IN_PLAY)
        {
            return;
        }
        field.leave(slot);
        ctx.record(userId, HISTORY_LEFT, ctx.scratch(), 0, 0);
        broadcastRoster(ctx);
        if (field.inPlay() <= 1)
        {
            finish(ctx, OVER_LAST_STANDING);
        }
    }

    @Override
    public void onPlayerReconnected(final GameContext ctx, final long userId)
    {
        lastNowMs = ctx.nowMs();
        if (phase == PHASE_PLAYING)
        {
            ctx.send(userId, EVENT_ROSTER, ctx.scratch(), 0, encodeRoster(ctx.scratch()));
        }
    }

    @Override
    public void onMessage(
        final GameContext ctx, final long userId, final int kind, final DirectBuffer payload, final int offset, final int length)
    {
        lastNowMs = ctx.nowMs();
        if (kind != MSG_INPUT)
        {
            ctx.reject("unknown message kind " + kind + " (input is kind " + MSG_INPUT + ")");
            return;
        }
        if (length != INPUT_LENGTH)
        {
            ctx.reject("input is " + INPUT_LENGTH + " bytes (dx, dy, fire), not " + length);
            return;
        }
        final int dx = payload.getByte(offset);
        final int dy = payload.getByte(offset + 1);
        final int fire = payload.getByte(offset + 2);
        if (dx < -1 || dx > 1 || dy < -1 || dy > 1)
        {
            ctx.reject("dx and dy must be -1, 0 or 1, not " + dx + ", " + dy);
            return;
        }
        if (fire != 0 && fire != 1)
        {
            ctx.reject("fire must be 0 or 1, not " + fire);
            return;
        }
        if (phase != PHASE_PLAYING)
        {
            ctx.reject(phase == PHASE_WAITING ? "the game has not started: waiting for a second player" : "the game is over");
            return;
        }
        final int slot = slotOf(userId);
        if (slot < 0 || field.status(slot) != Field.IN_PLAY)
        {
            ctx.reject("you are not in play");
            return;
        }
        field.steer(slot, dx, dy, fire == 1);
    }

    @Override
    public void onTimer(final GameContext ctx, final long timerId)
    {
        lastNowMs = ctx.nowMs();
        if (timerId != TIMER_TICK || phase != PHASE_PLAYING)
        {
            return;
        }
        tick++;
        recorder.ctx = ctx;
        field.step(tick, recorder);
        recorder.ctx = null;
        broadcastSnapshot(ctx);
        if (field.inPlay() <= 1)
        {
            finish(ctx, OVER_LAST_STANDING);
        }
        else if (tick >= limitTicks)
        {
            finish(ctx, OVER_TIME_LIMIT);
        }
        else
        {
            if (tick % CHECKPOINT_TICKS == 0)
            {
                ctx.checkpoint();
            }
            scheduleTick(ctx, TICK_MS);
        }
    }

    /**
     * The time to the next tick is saved as it stood at the last callback (a checkpoint is
     * taken at a tick), so another host ticks on at the same pace whatever its clock says.
     */
    @Override
    public byte[] saveState()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[BACKUP_HEADER + Field.MAX_FIGHTERS * (Field.FIGHTER_BYTES + 8) +
            2 + Field.MAX_PROJECTILES * Field.PROJECTILE_BYTES + 2]);
        buffer.putShort(0, (short)TYPE_ID, ORDER);
        buffer.putByte(2, (byte)BACKUP_VERSION);
        buffer.putByte(3, (byte)phase);
        buffer.putInt(4, limitTicks, ORDER);
        buffer.putInt(8, tick, ORDER);
        buffer.putInt(12, phase == PHASE_PLAYING ? (int)Math.max(0, nextTickAtMs - lastNowMs) : 0, ORDER);
        int at = field.save(buffer, BACKUP_HEADER);
        for (int slot = 0; slot < field.fighters(); slot++)
        {
            buffer.putLong(at, users[slot], ORDER);
            at += 8;
        }
        buffer.putShort(at, (short)BACKUP_END, ORDER);
        return Arrays.copyOf(buffer.byteArray(), at + 2);
    }

    /**
     * Fighters in play whose players are no longer seated have left; the ticks go on (or the
     * game starts, if it was waiting and two are seated now); everybody is sent the roster.
     *
     * @throws IllegalArgumentException if the bytes are not an arena backup of this version.
     */
    @Override
    public void onRestore(final GameContext ctx, final byte[] state)
    {
        lastNowMs = ctx.nowMs();
        final UnsafeBuffer buffer = new UnsafeBuffer(state);
        if (state.length < BACKUP_HEADER + 4 || (buffer.getShort(0, ORDER) & 0xFFFF) != TYPE_ID ||
            buffer.getByte(2) != BACKUP_VERSION || (buffer.getShort(state.length - 2, ORDER) & 0xFFFF) != BACKUP_END)
        {
            throw new IllegalArgumentException("not an arena backup of version " + BACKUP_VERSION);
        }
        phase = buffer.getByte(3);
        limitTicks = buffer.getInt(4, ORDER);
        tick = buffer.getInt(8, ORDER);
        final int msToNextTick = buffer.getInt(12, ORDER);
        try
        {
            int at = field.load(buffer, BACKUP_HEADER);
            for (int slot = 0; slot < field.fighters(); slot++)
            {
                users[slot] = buffer.getLong(at, ORDER);
                at += 8;
            }
            if (at != state.length - 2 || phase < PHASE_WAITING || phase > PHASE_PLAYING)
            {
                throw new IllegalArgumentException("arena backup is inconsistent: phase " + phase + ", " + state.length +
                    " bytes for " + field.fighters() + " fighters and " + field.projectiles() + " projectiles");
            }
        }
        catch (final IndexOutOfBoundsException ex)
        {
            throw new IllegalArgumentException("arena backup is cut short", ex);
        }
        if (phase == PHASE_WAITING)
        {
            if (ctx.players().size() >= 2)
            {
                start(ctx);
            }
            return;
        }
        for (int slot = 0; slot < field.fighters(); slot++)
        {
            if (field.status(slot) == Field.IN_PLAY && !ctx.isPlayer(users[slot]))
            {
                field.leave(slot);
                ctx.record(users[slot], HISTORY_LEFT, ctx.scratch(), 0, 0);
            }
        }
        broadcastRoster(ctx);
        if (field.inPlay() <= 1)
        {
            finish(ctx, OVER_LAST_STANDING);
        }
        else
        {
            scheduleTick(ctx, msToNextTick);
        }
    }

    private void start(final GameContext ctx)
    {
        phase = PHASE_PLAYING;
        for (final long player : ctx.players())
        {
            enter(ctx, player);
        }
        broadcastRoster(ctx);
        broadcastSnapshot(ctx);
        scheduleTick(ctx, TICK_MS);
    }

    private void enter(final GameContext ctx, final long userId)
    {
        final int slot = field.addFighter();
        users[slot] = userId;
        ctx.scratch().putByte(0, (byte)slot);
        ctx.record(userId, HISTORY_ENTERED, ctx.scratch(), 0, 1);
    }

    private void scheduleTick(final GameContext ctx, final int delayMs)
    {
        nextTickAtMs = ctx.nowMs() + delayMs;
        ctx.schedule(TIMER_TICK, delayMs);
    }

    private void finish(final GameContext ctx, final int reason)
    {
        phase = PHASE_OVER;
        ctx.cancel(TIMER_TICK);

        int best = NONE;
        boolean tie = false;
        for (int slot = 0; slot < field.fighters(); slot++)
        {
            if (field.status(slot) != Field.IN_PLAY)
            {
                continue;
            }
            final int order = best == NONE ? 1 : compare(slot, best);
            if (order > 0)
            {
                best = slot;
                tie = false;
            }
            else if (order == 0)
            {
                tie = true;
            }
        }
        final int winner = tie ? NONE : best;
        final boolean lastOut = best == NONE;

        final Map<Long, PlayerOutcome> outcomes = new LinkedHashMap<>();
        for (int slot = 0; slot < field.fighters(); slot++)
        {
            outcomes.put(users[slot], outcome(slot, winner, best, lastOut));
        }
        final MutableDirectBuffer scratch = ctx.scratch();
        scratch.putByte(OVER_REASON, (byte)reason);
        scratch.putByte(OVER_WINNER, (byte)winner);
        scratch.putInt(OVER_TICK, tick, ORDER);
        ctx.broadcast(EVENT_GAME_OVER, scratch, 0, OVER_LENGTH);
        ctx.end(new GameResult(outcomes, summary(reason, winner)));
    }

    private PlayerOutcome outcome(final int slot, final int winner, final int best, final boolean lastOut)
    {
        final int status = field.status(slot);
        if (status == Field.LEFT)
        {
            return PlayerOutcome.ABANDONED;
        }
        if (winner != NONE)
        {
            return slot == winner ? PlayerOutcome.WIN : PlayerOutcome.LOSS;
        }
        if (lastOut)
        {
            return field.outStep(slot) == tick ? PlayerOutcome.DRAW : PlayerOutcome.LOSS;
        }
        return status == Field.IN_PLAY && compare(slot, best) == 0 ? PlayerOutcome.DRAW : PlayerOutcome.LOSS;
    }

    /**
     * @return positive if slot a is ahead of slot b: more health, then more hits.
     */
    private int compare(final int a, final int b)
    {
        final int byHealth = Integer.compare(field.health(a), field.health(b));
        return byHealth != 0 ? byHealth : Integer.compare(field.hits(a), field.hits(b));
    }

    private String summary(final int reason, final int winner)
    {
        final String why = reason == OVER_LAST_STANDING ? "last one standing" : "time limit";
        return winner == NONE ? "draw: " + why : "player " + users[winner] + " wins: " + why;
    }

    private void broadcastSnapshot(final GameContext ctx)
    {
        final MutableDirectBuffer buffer = ctx.scratch();
        buffer.putInt(SNAPSHOT_TICK, tick, ORDER);
        buffer.putInt(SNAPSHOT_TICKS_LEFT, limitTicks - tick, ORDER);
        buffer.putByte(SNAPSHOT_FIGHTERS, (byte)field.fighters());
        int at = SNAPSHOT_FIGHTERS + 1;
        for (int slot = 0; slot < field.fighters(); slot++)
        {
            buffer.putShort(at, (short)field.x(slot), ORDER);
            buffer.putShort(at + 2, (short)field.y(slot), ORDER);
            buffer.putByte(at + 4, (byte)field.health(slot));
            buffer.putByte(at + 5, (byte)field.status(slot));
            at += SNAPSHOT_FIGHTER_BYTES;
        }
        buffer.putByte(at++, (byte)field.projectiles());
        for (int i = 0; i < field.projectiles(); i++)
        {
            buffer.putShort(at, (short)field.projectileX(i), ORDER);
            buffer.putShort(at + 2, (short)field.projectileY(i), ORDER);
            at += SNAPSHOT_PROJECTILE_BYTES;
        }
        ctx.broadcast(EVENT_SNAPSHOT, buffer, 0, at);
    }

    private void broadcastRoster(final GameContext ctx)
    {
        ctx.broadcast(EVENT_ROSTER, ctx.scratch(), 0, encodeRoster(ctx.scratch()));
    }

    /**
     * @return the length: a u8 count, then per slot the user id (i64) and status (u8).
     */
    private int encodeRoster(final MutableDirectBuffer buffer)
    {
        buffer.putByte(0, (byte)field.fighters());
        int at = 1;
        for (int slot = 0; slot < field.fighters(); slot++)
        {
            buffer.putLong(at, users[slot], ORDER);
            buffer.putByte(at + 8, (byte)field.status(slot));
            at += 9;
        }
        return at;
    }

    private int slotOf(final long userId)
    {
        for (int slot = 0; slot < field.fighters(); slot++)
        {
            if (users[slot] == userId)
            {
                return slot;
            }
        }
        return -1;
    }

    /**
     * Writes the world's hits and knock-outs to the history during a tick.
     */
    private final class HistoryRecorder implements Field.Listener
    {
        private GameContext ctx;

        @Override
        public void onHit(final int shooter, final int target, final int healthLeft)
        {
            final MutableDirectBuffer scratch = ctx.scratch();
            scratch.putByte(0, (byte)target);
            scratch.putByte(1, (byte)healthLeft);
            ctx.record(users[shooter], HISTORY_HIT, scratch, 0, 2);
        }

        @Override
        public void onOut(final int target, final int shooter)
        {
            ctx.scratch().putByte(0, (byte)shooter);
            ctx.record(users[target], HISTORY_OUT, ctx.scratch(), 0, 1);
        }
    }
}
