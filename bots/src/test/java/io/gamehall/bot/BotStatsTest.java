package io.gamehall.bot;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class BotStatsTest
{
    @Test
    void shouldReportTheIntervalSinceThePreviousSnapshotAndTheTotalSinceTheStart()
    {
        final BotStats stats = new BotStats();
        final long now = System.nanoTime();
        stats.record(BotStats.Operation.MOVE, now - TimeUnit.MILLISECONDS.toNanos(2));
        stats.record(BotStats.Operation.MOVE, now - TimeUnit.MILLISECONDS.toNanos(4));
        stats.record(BotStats.Operation.LOGIN, now - TimeUnit.MILLISECONDS.toNanos(100));

        final BotStats.Snapshot first = stats.snapshot();
        assertThat(first.moves()).isEqualTo(2);
        assertThat(first.interval().get(BotStats.Operation.MOVE).count()).isEqualTo(2);
        assertThat(first.interval().get(BotStats.Operation.MOVE).p50Micros()).isBetween(2_000L, 4_100L);
        assertThat(first.interval().get(BotStats.Operation.LOGIN).p99Micros()).isGreaterThanOrEqualTo(100_000L);

        stats.record(BotStats.Operation.MOVE, System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(8));
        final BotStats.Snapshot second = stats.snapshot();
        assertThat(second.interval().get(BotStats.Operation.MOVE).count()).isEqualTo(1);
        assertThat(second.interval().get(BotStats.Operation.LOGIN).count()).isZero();
        assertThat(second.total().get(BotStats.Operation.MOVE).count()).isEqualTo(3);
        assertThat(second.total().get(BotStats.Operation.MOVE).maxMicros()).isGreaterThanOrEqualTo(8_000L);
    }

    @Test
    void shouldCountErrorsByCodeAndGamesOncePerGame()
    {
        final BotStats stats = new BotStats();
        stats.error("NO_ANSWER");
        stats.error("NO_ANSWER");
        stats.error("REJECTED");
        stats.gameOver(true);
        stats.gameOver(false);

        final BotStats.Snapshot snapshot = stats.snapshot();
        assertThat(snapshot.errors()).containsEntry("NO_ANSWER", 2L).containsEntry("REJECTED", 1L);
        assertThat(snapshot.errorCount()).isEqualTo(3).isEqualTo(stats.errorCount());
        assertThat(snapshot.gamesFinished()).isEqualTo(1).isEqualTo(stats.gamesFinished());
        assertThat(snapshot.gamesPlayed()).isEqualTo(2);
    }

    @Test
    void shouldClampARoundTripLongerThanTheHistogramTracks()
    {
        final BotStats stats = new BotStats();
        stats.record(BotStats.Operation.SEARCH, System.nanoTime() - TimeUnit.MINUTES.toNanos(10));
        assertThat(stats.snapshot().total().get(BotStats.Operation.SEARCH).maxMicros())
            .isGreaterThanOrEqualTo(BotStats.HIGHEST_TRACKABLE_MICROS - BotStats.HIGHEST_TRACKABLE_MICROS / 500);
    }
}
