package io.gamehall.bot;

import io.gamehall.client.GameClient;
import io.gamehall.sbe.client.ClientCode;

import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * A bot in the lobby, from no seat to a seat: search page by page for a table someone waits at
 * and join it, or create one ({@link LobbyRules} decides); a refused join or create is counted
 * as the rules read it and the lobby tried again after the retry delay; a seat to give up is
 * left first. Never a request while the connection is down: the lobby waits for the resume.
 * <p>
 * It runs on the bot's executor and acts through a {@link Port}: the lobby's requests, the
 * bot's seat and its retries.
 */
final class LobbyFlow
{
    /**
     * What the lobby flow needs of the bot, called on the bot's executor.
     */
    interface Port
    {
        /**
         * @return whether a callback of connection {@code generation} still counts (false when stopping).
         */
        boolean current(long generation);

        /**
         * @return the bot's user id.
         */
        long userId();

        /**
         * @return whether the connection is down and the SDK reconnecting.
         */
        boolean away();

        /**
         * No seat: the timer cancelled, no instance, the phase LOBBY.
         */
        void unseat();

        /**
         * Nothing of the last game is kept.
         */
        void forgetGame();

        /**
         * Seated in an instance (joined or created): the game flow takes over.
         */
        void seated(long generation, long instanceId);

        /**
         * Run an action after the jittered retry delay, unless the connection changed meanwhile.
         */
        void retry(long generation, Runnable action);

        /**
         * @return one page of open tables of a game type.
         */
        CompletableFuture<GameClient.SearchPage> search(int gameType, int maxResults, long cursor);

        /**
         * @return the instance joined.
         */
        CompletableFuture<GameClient.Instance> join(long instanceId);

        /**
         * @return the instance created (the bot seated in it).
         */
        CompletableFuture<GameClient.Instance> create(int gameType, int maxPlayers, int mode);

        /**
         * @param instanceId the instance to leave, 0 for whichever the bot sits in.
         * @return completes when left.
         */
        CompletableFuture<Void> leave(long instanceId);

        /**
         * @return the bot's executor, for the answers of its requests.
         */
        Executor executor();
    }

    private final Port port;
    private final LobbyRules rules = new LobbyRules();
    private final SplittableRandom random;
    private final BotStats stats;
    private final int gameType;
    private final int seats;
    private final int mode;

    /**
     * @param port     the bot.
     * @param random   the bot's seeded source (shared with its game, so a seed makes the same choices).
     * @param stats    where it records.
     * @param gameType the game type searched and created.
     * @param seats    seats of a table it creates.
     * @param mode     mode of a table it creates.
     */
    LobbyFlow(final Port port, final SplittableRandom random, final BotStats stats, final int gameType, final int seats,
        final int mode)
    {
        this.port = port;
        this.random = random;
        this.stats = stats;
        this.gameType = gameType;
        this.seats = seats;
        this.mode = mode;
    }

    /**
     * To the lobby: unseated, then the search from where the last one stopped (after the
     * resume when the connection is down).
     */
    void enter(final long gen)
    {
        if (!port.current(gen))
        {
            return;
        }
        if (port.away())
        {
            port.retry(gen, () -> enter(gen)); // reconnecting: a request now would go out before the resume
            return;
        }
        port.unseat();
        port.forgetGame();
        search(gen, rules.searchFrom(), LobbyRules.SEARCH_PAGES);
    }

    /**
     * Give a seat up (0: whichever the bot sits in), then the lobby; a seat already gone is no error.
     */
    void leaveThenLobby(final long gen, final long instance)
    {
        port.unseat();
        port.leave(instance).whenCompleteAsync((v, ex) ->
        {
            if (!port.current(gen))
            {
                return;
            }
            final ClientCode code = ex == null ? ClientCode.OK : Failures.code(ex);
            if (ex != null && code != ClientCode.NOT_IN_INSTANCE && code != ClientCode.UNKNOWN_INSTANCE)
            {
                stats.error(Failures.name(ex));
            }
            port.retry(gen, () -> enter(gen));
        }, port.executor());
    }

    /**
     * One page of the search for a waiting table ({@link LobbyRules#afterPage}): join one, read
     * the next page, or create a table.
     */
    private void search(final long gen, final long cursor, final int pagesLeft)
    {
        final long start = System.nanoTime();
        port.search(gameType, LobbyRules.SEARCH_PAGE_SIZE, cursor).whenCompleteAsync((page, ex) ->
        {
            if (!port.current(gen))
            {
                return;
            }
            if (ex != null)
            {
                stats.error(Failures.name(ex));
                port.retry(gen, () -> enter(gen));
                return;
            }
            stats.record(BotStats.Operation.SEARCH, start);
            final LobbyRules.SearchStep step = rules.afterPage(page, port.userId(), pagesLeft, random);
            switch (step.action())
            {
                case JOIN -> join(gen, step.instanceId());
                case NEXT_PAGE -> search(gen, step.cursor(), pagesLeft - 1);
                default -> create(gen);
            }
        }, port.executor());
    }

    private void join(final long gen, final long instance)
    {
        final long start = System.nanoTime();
        port.join(instance).whenCompleteAsync((joined, ex) -> answered(gen, joined, ex, true, start), port.executor());
    }

    private void create(final long gen)
    {
        final long start = System.nanoTime();
        port.create(gameType, seats, mode).whenCompleteAsync((created, ex) -> answered(gen, created, ex, false, start),
            port.executor());
    }

    private void answered(final long gen, final GameClient.Instance seat, final Throwable ex, final boolean join,
        final long start)
    {
        if (!port.current(gen))
        {
            return;
        }
        if (ex != null)
        {
            refused(gen, ex, join);
            return;
        }
        stats.record(join ? BotStats.Operation.JOIN : BotStats.Operation.CREATE, start);
        rules.seated();
        port.seated(gen, seat.instanceId());
    }

    /**
     * A join or create failed: counted as {@link LobbyRules#refused} reads it, then back to the
     * lobby (or the unknown seat given up first).
     */
    private void refused(final long gen, final Throwable ex, final boolean join)
    {
        switch (rules.refused(Failures.code(ex), join))
        {
            case LOST_RACE -> stats.lostRace();
            case STILL_SEATED -> stats.stillSeated();
            case LEAVE_UNKNOWN_SEAT ->
            {
                // seated where this bot does not know (an answer lost to a dropped
                // connection): give that seat up, whichever it is
                leaveThenLobby(gen, 0);
                return;
            }
            default -> stats.error(Failures.name(ex));
        }
        port.retry(gen, () -> enter(gen));
    }
}
