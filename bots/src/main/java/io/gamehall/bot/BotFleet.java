package io.gamehall.bot;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * N {@link Bot}s on one shared Netty event loop group, started over a ramp-up, recording into
 * one {@link BotStats}: a load of simulated players for a local try-out, a soak or a benchmark.
 * <pre>{@code
 * try (BotFleet fleet = BotFleet.start(new BotFleet.Context()
 *     .bots(20).rampUpMs(2_000).seed(7).bot(b -> b.gateways(List.of("ws://127.0.0.1:8080/ws")))))
 * {
 *     Thread.sleep(10_000);
 *     BotStats.Snapshot s = fleet.snapshot();
 *     System.out.println(s.gamesFinished() + " games, move p99 " + s.total().get(MOVE).p99Micros() + " us");
 * }
 * }</pre>
 * Bot {@code i} (from 0) plays as {@code <namePrefix><i>} with the bot settings' password and seed
 * {@code seed + i}, so a run with the same seed makes the same choices as far as timing lets it.
 */
public final class BotFleet implements AutoCloseable
{
    private final Context ctx;
    private final EventLoopGroup group;
    private final boolean ownsGroup;
    private final BotStats stats = new BotStats();
    private final List<Bot> bots = new CopyOnWriteArrayList<>();
    private final List<ScheduledFuture<?>> starts = new ArrayList<>();
    private volatile boolean closed;

    private BotFleet(final Context ctx)
    {
        this.ctx = ctx;
        this.ownsGroup = ctx.eventLoopGroup == null;
        this.group = ownsGroup ?
            new MultiThreadIoEventLoopGroup(ctx.eventLoopThreads, NioIoHandler.newFactory()) : ctx.eventLoopGroup;
    }

    /**
     * Start the fleet: bot {@code i} starts {@code i * rampUpMs / bots} ms from now.
     *
     * @param ctx configuration; concluded here.
     * @return the fleet, its bots starting in the background.
     */
    public static BotFleet start(final Context ctx)
    {
        ctx.conclude();
        final BotFleet fleet = new BotFleet(ctx);
        fleet.scheduleStarts();
        return fleet;
    }

    private void scheduleStarts()
    {
        for (int i = 0; i < ctx.bots; i++)
        {
            final int index = i;
            final long delayMs = ctx.bots == 1 ? 0 : (long)i * ctx.rampUpMs / ctx.bots;
            synchronized (starts)
            {
                starts.add(group.schedule(() -> startBot(index), delayMs, TimeUnit.MILLISECONDS));
            }
        }
    }

    private void startBot(final int index)
    {
        if (closed)
        {
            return;
        }
        final Bot bot = Bot.start(ctx.botContext(index).eventLoopGroup(group).stats(stats));
        bots.add(bot);
        if (closed)
        {
            bot.stop();
        }
    }

    /**
     * @return bots started so far (all of them once the ramp-up is over).
     */
    public int started()
    {
        return bots.size();
    }

    /**
     * @return the bots started so far.
     */
    public List<Bot> bots()
    {
        return List.copyOf(bots);
    }

    /**
     * @return what the bots recorded, live.
     */
    public BotStats stats()
    {
        return stats;
    }

    /**
     * @return the fleet's counts and latencies now (the interval is since the previous snapshot).
     */
    public BotStats.Snapshot snapshot()
    {
        return stats.snapshot();
    }

    /**
     * Stop every bot (each leaves its game and disconnects), waiting at most
     * {@link Context#stopTimeoutMs}; then shut the group down if the fleet made it.
     */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        synchronized (starts)
        {
            starts.forEach(f -> f.cancel(false));
        }
        final List<CompletableFuture<Void>> stopping = new ArrayList<>();
        for (final Bot bot : bots)
        {
            stopping.add(bot.stop());
        }
        try
        {
            CompletableFuture.allOf(stopping.toArray(CompletableFuture[]::new))
                .get(ctx.stopTimeoutMs, TimeUnit.MILLISECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        catch (final Exception ex)
        {
            stats.error("STOP_TIMEOUT");
        }
        finally
        {
            if (ownsGroup)
            {
                group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * Configuration of a fleet: how many bots, how they start and are named, and the
     * {@link Bot.Context} settings every bot gets ({@link #bot(UnaryOperator)}).
     */
    public static final class Context
    {
        /** Every bot's password unless the bot settings give another. */
        public static final String DEFAULT_PASSWORD = "bot-password";

        private int bots = 10;
        private long rampUpMs = 1_000;
        private long seed = 1;
        private String namePrefix = "bot-";
        private long stopTimeoutMs = 15_000;
        private int eventLoopThreads = 1;
        private EventLoopGroup eventLoopGroup;
        private UnaryOperator<Bot.Context> botSettings = UnaryOperator.identity();

        /**
         * @param settings applied to each bot's {@link Bot.Context} (gateways, password, think time, game,
         *                 mode, timeouts, drop percent...), which starts with password {@link #DEFAULT_PASSWORD};
         *                 the fleet then sets the bot's name, seed, event loop group and statistics.
         */
        public Context bot(final UnaryOperator<Bot.Context> settings)
        {
            this.botSettings = settings;
            return this;
        }

        /** @param bots how many bots; default 10. */
        public Context bots(final int bots)
        {
            this.bots = bots;
            return this;
        }

        /** @param rampUpMs the bots' starts are spread evenly over this long; default 1 s. */
        public Context rampUpMs(final long rampUpMs)
        {
            this.rampUpMs = rampUpMs;
            return this;
        }

        /** @param seed bot i is seeded from {@code seed + i}; default 1. */
        public Context seed(final long seed)
        {
            this.seed = seed;
            return this;
        }

        /** @param namePrefix bot i is named {@code namePrefix + i}; default {@code bot-}. */
        public Context namePrefix(final String namePrefix)
        {
            this.namePrefix = namePrefix;
            return this;
        }

        /** @param stopTimeoutMs how long {@link BotFleet#close()} waits for the bots; default 15 s. */
        public Context stopTimeoutMs(final long stopTimeoutMs)
        {
            this.stopTimeoutMs = stopTimeoutMs;
            return this;
        }

        /** @param threads event loop threads of the group the fleet makes; default 1. */
        public Context eventLoopThreads(final int threads)
        {
            this.eventLoopThreads = threads;
            return this;
        }

        /** @param group a group to run on instead (not shut down by the fleet). */
        public Context eventLoopGroup(final EventLoopGroup group)
        {
            this.eventLoopGroup = group;
            return this;
        }

        /**
         * @return the settings of bot {@code index}, before the fleet's group and statistics.
         */
        Bot.Context botContext(final int index)
        {
            return botSettings.apply(new Bot.Context().password(DEFAULT_PASSWORD))
                .name(namePrefix + index)
                .seed(new SplittableRandom(seed + index).nextLong());
        }

        Context conclude()
        {
            if (bots < 1 || rampUpMs < 0 || eventLoopThreads < 1 || stopTimeoutMs < 1)
            {
                throw new IllegalArgumentException("bots and event loop threads must be >= 1, ramp-up >= 0, " +
                    "stop timeout >= 1 ms");
            }
            final String longestName = namePrefix + (bots - 1);
            if (!longestName.matches("[A-Za-z0-9._-]{3,32}"))
            {
                throw new IllegalArgumentException("bot names must have 3..32 characters from [A-Za-z0-9._-]: " +
                    longestName);
            }
            botContext(bots - 1).conclude(); // the bot settings fail here rather than on each bot's start
            return this;
        }
    }
}
