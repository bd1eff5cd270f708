package io.gamehall.bot;

import io.gamehall.client.GameClient;
import io.gamehall.sbe.client.ClientCode;
import io.gamehall.sbe.client.CloseCause;
import io.gamehall.sbe.client.KickCause;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * One simulated player: connects through the {@link GameClient} SDK, registers (or logs in when
 * the name exists), then plays game after game until stopped — it searches for an open game
 * with a player waiting and joins it, or creates one; either way it waits a bounded time for the
 * game to start, else leaves and searches again; on its turn it sends what its
 * {@link GameStrategy} chooses (by default {@link ConnectFourStrategy}: a random column that is
 * not full, seeded); when the game closes it goes back to the lobby. Round trips of every
 * request and move go to a {@link BotStats}.
 * <p>
 * The bot is an actor: everything it does runs on one event loop of the Netty group it shares
 * with its client (and, in a {@link BotFleet}, with many other bots), so it has no thread of its
 * own and no locks. Every wait is bounded: requests by the SDK's request timeout, the lobby by
 * {@link Context#waitForOpponentMs}, a game by {@link Context#stallTimeoutMs} without news.
 * Reconnects and resumes are the SDK's; after a NEW_SESSION resume the game sends its state
 * again and the bot goes on from it. With {@link Context#dropPercent(int)} it also drops its
 * connection on purpose in some games (a load mix), and times each resume.
 * <pre>{@code
 * Bot bot = Bot.start(new Bot.Context().gateways(List.of("ws://127.0.0.1:8080/ws")).name("bot-1")
 *     .password("bot-password-1").seed(1));
 * ...
 * bot.close();
 * System.out.println(bot.stats().snapshot());
 * }</pre>
 */
public final class Bot implements AutoCloseable
{
    /** A game type or mode the settings leave to the strategy. */
    private static final int STRATEGY_DEFAULT = Integer.MIN_VALUE;
    /** Where the bot is in its loop. */
    public enum Phase
    {
        /** Connecting and logging in. */
        CONNECTING,
        /** Searching, joining or creating. */
        LOBBY,
        /** Seated in an instance, waiting for the game to start. */
        WAITING,
        /** In a started game. */
        PLAYING,
        /** Stopped for good. */
        STOPPED
    }

    private final Context ctx;
    private final GameStrategy strategy;
    private final BotStats stats;
    private final EventLoopGroup group;
    private final boolean ownsGroup;
    private final EventExecutor executor;
    private final SplittableRandom random;
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private final PlayFlow play;
    private final LobbyFlow lobby;
    private final Events events = new Events();

    private volatile boolean stopping;
    private volatile Phase phase = Phase.CONNECTING;

    // the fields below are touched only on the bot's executor
    private GameClient client;
    private long generation;
    private long userId;
    private long instanceId;
    private ScheduledFuture<?> timer;
    private boolean away;
    private long disconnectedAtNanos;

    private Bot(final Context ctx)
    {
        this.ctx = ctx;
        this.strategy = ctx.strategy;
        this.stats = ctx.stats != null ? ctx.stats : new BotStats();
        this.ownsGroup = ctx.eventLoopGroup == null;
        this.group = ownsGroup ? new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory()) : ctx.eventLoopGroup;
        this.executor = group.next();
        this.random = new SplittableRandom(ctx.seed);
        this.play = new PlayFlow(new Seat(), strategy, random, stats, ctx.thinkMs, ctx.stallTimeoutMs,
            Math.max(ctx.thinkMs, ctx.retryDelayMs), ctx.dropPercent);
        this.lobby = new LobbyFlow(new Lobby(), random, stats, ctx.gameType, strategy.seats(), ctx.mode);
    }

    /**
     * Start a bot; it connects in the background.
     *
     * @param ctx configuration; concluded here.
     * @return the running bot.
     */
    public static Bot start(final Context ctx)
    {
        ctx.conclude();
        final Bot bot = new Bot(ctx);
        bot.executor.execute(bot::connect);
        return bot;
    }

    /**
     * @return the account name it plays as.
     */
    public String name()
    {
        return ctx.name;
    }

    /**
     * @return where it is in its loop now.
     */
    public Phase phase()
    {
        return phase;
    }

    /**
     * @return what it recorded (shared with other bots when the context gave one).
     */
    public BotStats stats()
    {
        return stats;
    }

    /**
     * Stop: leave the game it sits in (if any, waiting at most the request timeout), then close
     * the connection.
     *
     * @return completes when the bot has stopped.
     */
    public CompletableFuture<Void> stop()
    {
        if (!stopping)
        {
            stopping = true;
            try
            {
                executor.execute(this::finish);
            }
            catch (final RuntimeException ex)
            {
                stopped.complete(null); // the event loop is gone already: nothing is left to stop
            }
        }
        return stopped;
    }

    /**
     * Stop and wait (at most twice the request timeout).
     */
    @Override
    public void close()
    {
        try
        {
            stop().get(2 * ctx.requestTimeoutMs + 1_000, TimeUnit.MILLISECONDS);
        }
        catch (final Exception ex)
        {
            stats.error("STOP_TIMEOUT");
        }
        finally
        {
            if (ownsGroup)
            {
                group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * Drop the connection as a network failure would (tests): the SDK reconnects and resumes.
     */
    void dropConnection()
    {
        executor.execute(() ->
        {
            if (client != null)
            {
                client.dropConnection();
            }
        });
    }

    // ------------------------------------------------------------------ connect and log in

    private void connect()
    {
        if (stopping)
        {
            finish();
            return;
        }
        phase = Phase.CONNECTING;
        final long gen = ++generation;
        GameClient.connect(new GameClient.Context()
                .gateways(ctx.gateways)
                .listener(new ClientEventAdapter(gen, strategy, executor, events, System::nanoTime))
                .eventLoopGroup(group)
                .requestTimeoutMs(ctx.requestTimeoutMs)
                .reconnectBudgetMs(ctx.reconnectBudgetMs)
                .seed(ctx.seed)
                .clientName("gamehall-bot/" + ctx.name))
            .whenCompleteAsync((connected, ex) ->
            {
                if (ex != null)
                {
                    error(ex);
                    retry(gen, this::connect);
                    return;
                }
                if (gen != generation || stopping)
                {
                    connected.close();
                    if (stopping)
                    {
                        finish();
                    }
                    return;
                }
                client = connected;
                away = false;
                logIn(gen, ctx.loginFirst, true);
            }, executor);
    }

    private void logIn(final long gen, final boolean login, final boolean firstTry)
    {
        final long start = System.nanoTime();
        final CompletableFuture<GameClient.Login> answer = login ?
            client.login(ctx.name, ctx.password) : client.register(ctx.name, ctx.password);
        answer.whenCompleteAsync((session, ex) ->
        {
            if (stale(gen))
            {
                return;
            }
            if (ex == null)
            {
                stats.record(BotStats.Operation.LOGIN, start);
                userId = session.userId();
                if (session.instanceId() != 0)
                {
                    // seated from an earlier life of this account: give that seat up and start afresh
                    lobby.leaveThenLobby(gen, session.instanceId());
                    return;
                }
                lobby.enter(gen);
                return;
            }
            final ClientCode code = code(ex);
            if (firstTry && (login ? code == ClientCode.WRONG_CREDENTIALS : code == ClientCode.NAME_TAKEN))
            {
                logIn(gen, !login, false);
                return;
            }
            error(ex);
            // the gateway's login limits say how long to wait (back-off, busy password checks)
            restart(gen, Math.max(ctx.retryDelayMs, retryAfterMs(ex)));
        }, executor);
    }

    private void onResumed(final long gen)
    {
        if (stale(gen))
        {
            return;
        }
        stats.resumed();
        if (disconnectedAtNanos != 0)
        {
            stats.record(BotStats.Operation.RESUME, disconnectedAtNanos);
            disconnectedAtNanos = 0;
        }
        away = false;
        if ((phase == Phase.PLAYING || phase == Phase.WAITING) && client != null && client.instanceId() == 0)
        {
            // the instance ended while we were away and its close was not kept for us
            cancelTimer();
            instanceId = 0;
            retry(gen, () -> lobby.enter(gen), 0);
        }
        else if (phase == Phase.LOBBY && client != null && client.instanceId() != 0)
        {
            // a join or create whose answer the drop took was applied: the resume says where we
            // sit; give that seat up rather than be refused ALREADY_IN_INSTANCE from now on
            lobby.leaveThenLobby(gen, client.instanceId());
        }
        else if (phase == Phase.PLAYING)
        {
            play.afterResume(gen);
        }
    }

    // ------------------------------------------------------------------ plumbing

    /**
     * Whether a callback of generation {@code gen} should be dropped: it belongs to an earlier
     * connection, or the bot is stopping (then the stop is carried out here, once).
     */
    private boolean stale(final long gen)
    {
        if (stopping)
        {
            finish();
            return true;
        }
        return gen != generation;
    }

    private void retry(final long gen, final Runnable action)
    {
        retry(gen, action, ctx.retryDelayMs / 2 + random.nextLong(ctx.retryDelayMs / 2 + 1));
    }

    private void retry(final long gen, final Runnable action, final long delayMs)
    {
        final Runnable guarded = () ->
        {
            if (!stale(gen))
            {
                action.run();
            }
        };
        if (delayMs <= 0)
        {
            executor.execute(guarded);
        }
        else
        {
            executor.schedule(guarded, delayMs, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Start over with a new connection (after the SDK gave up or the session was ended).
     */
    private void restart(final long gen)
    {
        restart(gen, ctx.retryDelayMs);
    }

    private void restart(final long gen, final long delayMs)
    {
        if (gen != generation)
        {
            return;
        }
        generation++;
        cancelTimer();
        instanceId = 0;
        final GameClient old = client;
        client = null;
        if (old != null)
        {
            old.close();
        }
        final long next = generation;
        executor.schedule(() ->
        {
            if (next == generation)
            {
                connect();
            }
        }, delayMs, TimeUnit.MILLISECONDS);
    }

    private void schedule(final long delayMs, final Runnable action)
    {
        cancelTimer();
        timer = executor.schedule(action, delayMs, TimeUnit.MILLISECONDS);
    }

    private void cancelTimer()
    {
        if (timer != null)
        {
            timer.cancel(false);
            timer = null;
        }
    }

    private void finish()
    {
        if (phase == Phase.STOPPED)
        {
            return;
        }
        phase = Phase.STOPPED;
        generation++;
        cancelTimer();
        final GameClient last = client;
        client = null;
        if (last == null)
        {
            stopped.complete(null);
            return;
        }
        final CompletableFuture<Void> left = instanceId != 0 && last.isConnected() ?
            last.leave(instanceId).exceptionally(ex -> null) : CompletableFuture.completedFuture(null);
        instanceId = 0;
        left.orTimeout(ctx.requestTimeoutMs, TimeUnit.MILLISECONDS).whenComplete((v, ex) ->
        {
            last.close();
            stopped.complete(null);
        });
    }

    private void error(final Throwable ex)
    {
        stats.error(Failures.name(ex));
    }

    private static long retryAfterMs(final Throwable ex)
    {
        return Failures.retryAfterMs(ex);
    }

    private static ClientCode code(final Throwable ex)
    {
        return Failures.code(ex);
    }

    /**
     * The bot's side of {@link ClientEventAdapter}: its events, on its executor.
     */
    private final class Events implements ClientEventAdapter.BotEvents
    {
        @Override
        public boolean stopping()
        {
            return stopping;
        }

        @Override
        public boolean current(final long gen)
        {
            return !stale(gen);
        }

        @Override
        public void onState(final long gen, final long instance, final byte[] state)
        {
            play.onState(gen, instance, state);
        }

        @Override
        public void onClosed(final long gen, final long instance, final CloseCause cause)
        {
            play.onClosed(gen, instance, cause);
        }

        @Override
        public void onKicked(final long gen, final KickCause cause)
        {
            stats.error("KICKED_" + cause);
            restart(gen);
        }

        @Override
        public void onDisconnected(final long gen, final long atNanos)
        {
            stats.disconnected();
            disconnectedAtNanos = atNanos;
            away = true;
        }

        @Override
        public void onResumed(final long gen)
        {
            Bot.this.onResumed(gen);
        }

        @Override
        public void onGaveUp(final long gen)
        {
            stats.error("GAVE_UP");
            restart(gen);
        }

        @Override
        public void onProtocolError(final ClientCode code)
        {
            stats.error("PROTOCOL_" + code);
        }
    }

    /**
     * The bot as its {@link PlayFlow} sees it: the connection, the one timer, the phase, the lobby.
     */
    private final class Seat implements PlayFlow.Port
    {
        @Override
        public boolean current(final long gen)
        {
            return !stale(gen);
        }

        @Override
        public long userId()
        {
            return userId;
        }

        @Override
        public long instanceId()
        {
            return instanceId;
        }

        @Override
        public Phase phase()
        {
            return phase;
        }

        @Override
        public void phase(final Phase next)
        {
            phase = next;
        }

        @Override
        public boolean away()
        {
            return away;
        }

        @Override
        public boolean dropConnection()
        {
            if (client == null)
            {
                return false;
            }
            // away at once, so that a state event already queued does not send a move on the dead connection
            away = true;
            client.dropConnection();
            return true;
        }

        @Override
        public CompletableFuture<Void> send(final long instance, final int kind, final byte[] payload)
        {
            return client.send(instance, kind, payload);
        }

        @Override
        public void timer(final long delayMs, final Runnable action)
        {
            schedule(delayMs, action);
        }

        @Override
        public void later(final long delayMs, final Runnable action)
        {
            executor.schedule(action, delayMs, TimeUnit.MILLISECONDS);
        }

        @Override
        public void retry(final long gen, final Runnable action)
        {
            Bot.this.retry(gen, action);
        }

        @Override
        public void waitForStart(final long gen, final long instance)
        {
            instanceId = instance;
            phase = Phase.WAITING;
            // jittered (half to all of the wait), so bots that created games at once do not all give up at once
            schedule(ctx.waitForOpponentMs / 2 + random.nextLong(ctx.waitForOpponentMs / 2 + 1), () -> play.waitedOut(gen, instance));
        }

        @Override
        public void leaveThenLobby(final long gen, final long instance)
        {
            lobby.leaveThenLobby(gen, instance);
        }

        @Override
        public void lobbyAfter(final long gen, final long delayMs)
        {
            cancelTimer();
            instanceId = 0;
            phase = Phase.LOBBY;
            Bot.this.retry(gen, () -> lobby.enter(gen), delayMs);
        }

        @Override
        public Executor executor()
        {
            return executor;
        }
    }

    /**
     * The bot as its {@link LobbyFlow} sees it: the lobby's requests, its seat, its retries.
     */
    private final class Lobby implements LobbyFlow.Port
    {
        @Override
        public boolean current(final long gen)
        {
            return !stale(gen);
        }

        @Override
        public long userId()
        {
            return userId;
        }

        @Override
        public boolean away()
        {
            return away;
        }

        @Override
        public void unseat()
        {
            cancelTimer();
            instanceId = 0;
            phase = Phase.LOBBY;
        }

        @Override
        public void forgetGame()
        {
            play.reset();
        }

        @Override
        public void seated(final long gen, final long instance)
        {
            play.enter(gen, instance);
        }

        @Override
        public void retry(final long gen, final Runnable action)
        {
            Bot.this.retry(gen, action);
        }

        @Override
        public CompletableFuture<GameClient.SearchPage> search(final int gameType, final int maxResults, final long cursor)
        {
            return client.search(gameType, maxResults, cursor);
        }

        @Override
        public CompletableFuture<GameClient.Instance> join(final long instance)
        {
            return client.join(instance);
        }

        @Override
        public CompletableFuture<GameClient.Instance> create(final int gameType, final int maxPlayers, final int mode)
        {
            return client.create(gameType, maxPlayers, 0, mode, 0);
        }

        @Override
        public CompletableFuture<Void> leave(final long instance)
        {
            return client.leave(instance);
        }

        @Override
        public Executor executor()
        {
            return executor;
        }
    }

    /**
     * Configuration of one bot.
     */
    public static final class Context
    {
        private List<String> gateways = List.of();
        private String name;
        private String password;
        private long seed;
        private long thinkMs;
        private GameStrategy strategy = new ConnectFourStrategy();
        private int gameType = STRATEGY_DEFAULT;
        private int mode = STRATEGY_DEFAULT;
        private boolean loginFirst;
        private long waitForOpponentMs = 10_000;
        private long stallTimeoutMs = 150_000;
        private long requestTimeoutMs = 10_000;
        private long reconnectBudgetMs = 30_000;
        private long retryDelayMs = 200;
        private int dropPercent;
        private EventLoopGroup eventLoopGroup;
        private BotStats stats;

        /** @param gateways WebSocket URLs of the gateways to try. */
        public Context gateways(final List<String> gateways)
        {
            this.gateways = List.copyOf(gateways);
            return this;
        }

        /** @param name account name (3..32 of [A-Za-z0-9._-]); registered when it does not exist. */
        public Context name(final String name)
        {
            this.name = name;
            return this;
        }

        /** @param password the account's password (at least the gateway's minimum length). */
        public Context password(final String password)
        {
            this.password = password;
            return this;
        }

        /** @param seed for the moves and the lobby's choices: the same seed makes the same choices. */
        public Context seed(final long seed)
        {
            this.seed = seed;
            return this;
        }

        /** @param thinkMs pause before each move and between games; default 0. */
        public Context thinkMs(final long thinkMs)
        {
            this.thinkMs = thinkMs;
            return this;
        }

        /**
         * @param strategy how the bot plays its game; default {@link ConnectFourStrategy}.
         */
        public Context strategy(final GameStrategy strategy)
        {
            this.strategy = strategy;
            return this;
        }

        /**
         * @param gameType the game type id to search and create; default the strategy's; the game must speak
         *                 the strategy's messages.
         */
        public Context gameType(final int gameType)
        {
            this.gameType = gameType;
            return this;
        }

        /**
         * @param mode the mode of instances the bot creates (Connect Four: 0 standard, 1 blitz, 2 relaxed); default
         *             the strategy's.
         */
        public Context mode(final int mode)
        {
            this.mode = mode;
            return this;
        }

        /** @param loginFirst try logging in before registering (when the account usually exists). */
        public Context loginFirst(final boolean loginFirst)
        {
            this.loginFirst = loginFirst;
            return this;
        }

        /**
         * @param waitForOpponentMs how long to wait in an instance for its game to start before leaving it (each
         *                          wait is drawn from half of this to all of it); default 10 s.
         */
        public Context waitForOpponentMs(final long waitForOpponentMs)
        {
            this.waitForOpponentMs = waitForOpponentMs;
            return this;
        }

        /** @param stallTimeoutMs a game with no state event for this long is left (counted STALLED); default 150 s. */
        public Context stallTimeoutMs(final long stallTimeoutMs)
        {
            this.stallTimeoutMs = stallTimeoutMs;
            return this;
        }

        /** @param requestTimeoutMs how long any request or move waits for its answer; default 10 s. */
        public Context requestTimeoutMs(final long requestTimeoutMs)
        {
            this.requestTimeoutMs = requestTimeoutMs;
            return this;
        }

        /** @param reconnectBudgetMs how long the SDK tries to reconnect before the bot starts over; default 30 s. */
        public Context reconnectBudgetMs(final long reconnectBudgetMs)
        {
            this.reconnectBudgetMs = reconnectBudgetMs;
            return this;
        }

        /**
         * @param dropPercent share of games (0..100) in which the bot drops its connection once, right after its
         *                    first acknowledged move, and resumes (the SDK reconnects): timed as RESUME; default 0.
         */
        public Context dropPercent(final int dropPercent)
        {
            this.dropPercent = dropPercent;
            return this;
        }

        /** @param retryDelayMs pause (jittered from half to the whole) before retrying after a failure; default 200 ms. */
        public Context retryDelayMs(final long retryDelayMs)
        {
            this.retryDelayMs = retryDelayMs;
            return this;
        }

        /** @param group the Netty group to run on (shared, not closed by the bot); default its own one thread. */
        public Context eventLoopGroup(final EventLoopGroup group)
        {
            this.eventLoopGroup = group;
            return this;
        }

        /** @param stats where to record (shared among bots); default its own. */
        public Context stats(final BotStats stats)
        {
            this.stats = stats;
            return this;
        }

        Context conclude()
        {
            if (gateways.isEmpty())
            {
                throw new IllegalArgumentException("a bot needs at least one gateway URL");
            }
            if (name == null || password == null)
            {
                throw new IllegalArgumentException("a bot needs a name and a password");
            }
            if (thinkMs < 0 || waitForOpponentMs < 1 || stallTimeoutMs < 1 || requestTimeoutMs < 1 ||
                reconnectBudgetMs < 0 || retryDelayMs < 1)
            {
                throw new IllegalArgumentException("think time must be >= 0, timeouts and the retry delay >= 1 ms");
            }
            if (strategy == null)
            {
                throw new IllegalArgumentException("a bot needs a game strategy");
            }
            if (gameType == STRATEGY_DEFAULT)
            {
                gameType = strategy.gameType();
            }
            if (mode == STRATEGY_DEFAULT)
            {
                mode = strategy.defaultMode();
            }
            if (gameType < 1 || gameType > 65534)
            {
                throw new IllegalArgumentException("game type must be 1..65534: " + gameType);
            }
            if (dropPercent < 0 || dropPercent > 100)
            {
                throw new IllegalArgumentException("drop percent must be 0..100: " + dropPercent);
            }
            return this;
        }
    }
}
