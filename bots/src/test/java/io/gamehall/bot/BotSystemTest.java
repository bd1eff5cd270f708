package io.gamehall.bot;

import io.gamehall.client.GameClient;
import io.gamehall.games.protocol.ConnectFourProtocol;
import io.gamehall.gateway.SessionGateway;
import io.gamehall.gateway.support.Hall;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bots against a real gateway, master and game host on loopback ({@link Hall}).
 */
class BotSystemTest
{
    private static final long WAIT_MS = 30_000;

    private Hall hall;
    private SessionGateway gateway;

    @BeforeEach
    void start() throws Exception
    {
        hall = new Hall();
        gateway = hall.gateway("gw-bots");
    }

    @AfterEach
    void stop()
    {
        hall.close();
    }

    @Test
    void shouldPlayGamesToTheEndWithoutErrorsWhenTwoBotsShareAFleet()
    {
        final BotStats.Snapshot snapshot;
        try (BotFleet fleet = BotFleet.start(new BotFleet.Context()
            .bots(2)
            .rampUpMs(200)
            .seed(11)
            .namePrefix("fleet-bot-")
            .bot(bot -> bot.gateways(List.of(gateway.url())).waitForOpponentMs(3_000))))
        {
            await(() -> fleet.stats().gamesFinished() >= 3, () -> fleet.bots().stream().map(Bot::phase).toList() + " " +
                fleet.snapshot());
            snapshot = fleet.snapshot();
        }

        assertThat(snapshot.errors()).isEmpty();
        assertThat(snapshot.gamesFinished()).isGreaterThanOrEqualTo(3);
        assertThat(snapshot.gamesPlayed()).isGreaterThanOrEqualTo(2 * snapshot.gamesFinished() - 1);
        assertThat(snapshot.moves()).isGreaterThanOrEqualTo(7 * snapshot.gamesFinished());
        final BotStats.Latency moves = snapshot.total().get(BotStats.Operation.MOVE);
        assertThat(moves.count()).isEqualTo(snapshot.moves());
        assertThat(moves.p50Micros()).isPositive();
        assertThat(moves.p99Micros()).isGreaterThanOrEqualTo(moves.p50Micros());
        assertThat(snapshot.total().get(BotStats.Operation.LOGIN).count()).isEqualTo(2);
        assertThat(snapshot.total().get(BotStats.Operation.SEARCH).count()).isPositive();
        assertThat(snapshot.total().get(BotStats.Operation.CREATE).count()).isPositive();
        assertThat(snapshot.total().get(BotStats.Operation.JOIN).count()).isPositive();
    }

    /**
     * Empty tables linger after their players leave (a minute for Connect Four). With more of them
     * than one page of search results, bots that looked at the first page only each created a
     * table of their own, never found by the others: no game was played again (seen in
     * {@code gamehall local --bots 4}, the tables growing by the dozen). Here more empty tables
     * than a bot's searches look through at once (8 pages of 16): the next search goes on from
     * where the last stopped.
     */
    @Test
    void shouldFindEachOtherPastAPageOfEmptyTables()
    {
        try (GameClient maker = GameClient.connect(new GameClient.Context().gateways(List.of(gateway.url()))).join())
        {
            maker.register("table-maker", "table-maker-password").join();
            for (int i = 0; i < 140; i++)
            {
                final long table = maker.create(ConnectFourProtocol.TYPE_ID, 2).join().instanceId();
                maker.leave(table).join();
            }
            final GameClient.SearchPage firstPage = maker.search(ConnectFourProtocol.TYPE_ID, 16, 0).join();
            assertThat(firstPage.instances()).hasSize(16).allMatch(hit -> hit.playerCount() == 0);
        }

        final BotStats stats = new BotStats();
        try (Bot a = Bot.start(bot(stats, "paging-bot-a", 4));
            Bot b = Bot.start(bot(stats, "paging-bot-b", 5)))
        {
            await(() -> stats.gamesFinished() >= 2, () -> a.phase() + " " + b.phase() + " " + stats.snapshot());
        }
        assertThat(stats.snapshot().errors()).isEmpty();
    }

    @Test
    void shouldLogInToAnExistingAccountAndKeepPlayingThroughDroppedConnections()
    {
        final BotStats stats = new BotStats();
        try (Bot first = Bot.start(bot(stats, "resume-bot-a", 1)))
        {
            await(() -> first.phase() == Bot.Phase.WAITING || first.phase() == Bot.Phase.LOBBY);
        }
        final long loginsBefore = stats.snapshot().total().get(BotStats.Operation.LOGIN).count();
        assertThat(loginsBefore).isEqualTo(1);

        try (Bot a = Bot.start(bot(stats, "resume-bot-a", 2));
            Bot b = Bot.start(bot(stats, "resume-bot-b", 3).loginFirst(true)))
        {
            await(() -> stats.gamesFinished() >= 1);
            for (int i = 0; i < 3; i++)
            {
                await(() -> a.phase() == Bot.Phase.PLAYING);
                a.dropConnection();
                b.dropConnection();
                final long finished = stats.gamesFinished();
                await(() -> stats.gamesFinished() > finished, () -> a.phase() + " " + b.phase() + " " + stats.snapshot());
            }
        }

        final BotStats.Snapshot snapshot = stats.snapshot();
        assertThat(snapshot.disconnects()).isGreaterThanOrEqualTo(6);
        assertThat(snapshot.resumes()).isGreaterThanOrEqualTo(6);
        assertThat(snapshot.gamesFinished()).isGreaterThanOrEqualTo(4);
        assertThat(snapshot.total().get(BotStats.Operation.LOGIN).count()).isEqualTo(3);
        // a move or request in flight when its connection drops has no answer (lost with the
        // connection, or sent while it was down); nothing else may fail
        assertThat(snapshot.errors().keySet()).isSubsetOf("NO_ANSWER", "CONNECTION_LOST", "NOT_CONNECTED");
    }

    private Bot.Context bot(final BotStats stats, final String name, final long seed)
    {
        return new Bot.Context().gateways(List.of(gateway.url())).name(name).password("bot-password").seed(seed)
            .thinkMs(20).waitForOpponentMs(3_000).gameType(ConnectFourProtocol.TYPE_ID).stats(stats);
    }

    private static void await(final BooleanSupplier condition)
    {
        await(condition, () -> "");
    }

    private static void await(final BooleanSupplier condition, final Supplier<String> state)
    {
        final long deadline = System.currentTimeMillis() + WAIT_MS;
        while (!condition.getAsBoolean())
        {
            if (System.currentTimeMillis() > deadline)
            {
                throw new AssertionError("not reached within " + WAIT_MS + " ms " + state.get());
            }
            try
            {
                Thread.sleep(20);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted");
            }
        }
    }
}
