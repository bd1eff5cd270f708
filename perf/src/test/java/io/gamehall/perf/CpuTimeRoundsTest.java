package io.gamehall.perf;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CpuTimeRoundsTest
{
    private long steps;
    private int checks;
    private int finishes;

    @Test
    void shouldRunThreeWarmUpRoundsAndTheAskedRoundsThenFinishOnce()
    {
        CpuTimeRounds.run("CpuTimeRoundsTest", new String[]{"4", "1000"}, 15, 2_000_000, () ->
            new CpuTimeRounds.Workload()
            {
                public void step()
                {
                    steps++;
                }

                public void checkRound()
                {
                    assertThat(steps % 1000).isZero();
                    checks++;
                }

                public void finish()
                {
                    finishes++;
                }
            });

        assertThat(steps).isEqualTo(7 * 1000);
        assertThat(checks).isEqualTo(7);
        assertThat(finishes).isEqualTo(1);
    }
}
