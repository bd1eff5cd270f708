package io.gamehall.host.example;

import io.gamehall.host.api.GameCatalog;
import io.gamehall.host.api.GameHarness;
import io.gamehall.host.api.InstanceSettings;
import io.gamehall.store.PlayerOutcome;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's example game, compiled and run so the guide stays true.
 */
class RockPaperScissorsTest
{
    @Test
    void shouldLetPaperBeatRock()
    {
        final GameCatalog catalog = new GameCatalog().register(3, "rock-paper-scissors", RockPaperScissors::new);
        final GameHarness game = new GameHarness(new InstanceSettings(3, 1, 2, 0, 0, 0), 0, catalog.get(3).factory());
        game.join(2);

        assertThat(game.message(1, 1, (byte)0)).isNull();
        assertThat(game.message(1, 1, (byte)1)).isEqualTo("you already picked");
        game.saveAndRestore();
        assertThat(game.message(2, 1, (byte)1)).isNull();

        assertThat(game.lastSentTo(1).payload()).containsExactly(0, 1);
        assertThat(game.result().outcomes()).containsEntry(1L, PlayerOutcome.LOSS).containsEntry(2L, PlayerOutcome.WIN);
    }

    @Test
    void shouldDrawOnTheSamePick()
    {
        final GameHarness game = new GameHarness(new InstanceSettings(3, 1, 2, 0, 0, 0), 0, RockPaperScissors::new);
        assertThat(game.message(1, 1, (byte)2)).isEqualTo("wait for an opponent");
        game.join(2);

        game.message(1, 1, (byte)2);
        game.message(2, 1, (byte)2);

        assertThat(game.result().outcomes()).containsEntry(1L, PlayerOutcome.DRAW).containsEntry(2L, PlayerOutcome.DRAW);
    }
}
