package io.gamehall.matchmaker;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class QueueRulesTest
{
    @Test
    void shouldWidenInStepsUpToTheMaximum()
    {
        final QueueRules rules = new QueueRules().initialWindow(50).widenBy(30).widenEveryMs(5_000).maxWindow(140)
            .conclude();
        assertThat(rules.wideningSteps()).isEqualTo(3);
        assertThat(rules.window(-1)).isEqualTo(50);
        assertThat(rules.window(0)).isEqualTo(50);
        assertThat(rules.window(4_999)).isEqualTo(50);
        assertThat(rules.window(5_000)).isEqualTo(80);
        assertThat(rules.window(10_000)).isEqualTo(110);
        assertThat(rules.window(15_000)).as("the last step stops at the maximum").isEqualTo(140);
        assertThat(rules.window(1_000_000_000L)).isEqualTo(140);
    }

    @Test
    void shouldNeverWidenAWindowWithoutWidening()
    {
        final QueueRules rules = new QueueRules().initialWindow(70).widenBy(0).maxWindow(500).conclude();
        assertThat(rules.wideningSteps()).isZero();
        assertThat(rules.window(3_600_000)).isEqualTo(70);
    }

    @Test
    void shouldAllowPartiesUpToATeamOrTheWholeTable()
    {
        assertThat(new QueueRules().playersPerMatch(10).teams(2).teamSize(5).conclude().maxPartySize()).isEqualTo(5);
        assertThat(new QueueRules().playersPerMatch(6).teams(1).teamSize(6).conclude().maxPartySize()).isEqualTo(6);
        assertThat(new QueueRules().playersPerMatch(4).teams(2).teamSize(2).maxPartySize(1).conclude().maxPartySize())
            .isEqualTo(1);
    }

    @Test
    void shouldRefuseBadRulesSayingWhichAndWhy()
    {
        assertThatIllegalArgumentException().isThrownBy(() -> new QueueRules().playersPerMatch(1).conclude())
            .withMessageContaining("playersPerMatch must be 2..32, was 1");
        assertThatIllegalArgumentException().isThrownBy(() -> new QueueRules().playersPerMatch(33).conclude())
            .withMessageContaining("playersPerMatch");
        assertThatIllegalArgumentException()
            .isThrownBy(() -> new QueueRules().playersPerMatch(5).teams(2).teamSize(2).conclude())
            .withMessageContaining("teams x teamSize must equal playersPerMatch (5), was 2 x 2");
        assertThatIllegalArgumentException()
            .isThrownBy(() -> new QueueRules().playersPerMatch(4).teams(2).teamSize(2).maxPartySize(3).conclude())
            .withMessageContaining("maxPartySize must be 1..2 (parties are never split across teams), was 3");
        assertThatIllegalArgumentException().isThrownBy(() -> new QueueRules().initialWindow(-1).conclude())
            .withMessageContaining("initialWindow");
        assertThatIllegalArgumentException()
            .isThrownBy(() -> new QueueRules().initialWindow(100).maxWindow(50).conclude())
            .withMessageContaining("maxWindow must be initialWindow (100)..");
        assertThatIllegalArgumentException().isThrownBy(() -> new QueueRules().widenBy(-5).conclude())
            .withMessageContaining("widenBy must be 0 or more, was -5");
        assertThatIllegalArgumentException().isThrownBy(() -> new QueueRules().widenEveryMs(0).conclude())
            .withMessageContaining("widenEveryMs");
        assertThatIllegalArgumentException().isThrownBy(() -> new QueueRules().maxWaitMs(0).conclude())
            .withMessageContaining("maxWaitMs");
        assertThatIllegalArgumentException()
            .isThrownBy(() -> new QueueRules().initialWindow(0).widenBy(1).maxWindow(65).conclude())
            .withMessageContaining("in 65 steps of 1; at most 64 steps: widen by more each step");
    }

    @Test
    void shouldFreezeOnceConcluded()
    {
        final QueueRules rules = new QueueRules().conclude();
        assertThatIllegalStateException().isThrownBy(() -> rules.initialWindow(10));
        assertThat(rules.sameAs(new QueueRules().conclude())).isTrue();
        assertThat(rules.sameAs(new QueueRules().maxWaitMs(1).conclude())).isFalse();
    }

    @Test
    void shouldRefuseBadPartitionConfigSayingWhichAndWhy()
    {
        assertThatIllegalArgumentException().isThrownBy(() -> new PartitionConfig().queueId(0).conclude())
            .withMessageContaining("queueId must be 1 or more, was 0");
        assertThatIllegalArgumentException().isThrownBy(() -> new PartitionConfig().lower(10).upper(10).conclude())
            .withMessageContaining("the range [lower, upper) must not be empty, was [10, 10)");
        assertThatIllegalArgumentException().isThrownBy(() -> new PartitionConfig().ratingBuckets(1000).conclude())
            .withMessageContaining("ratingBuckets must be a power of two");
        assertThatIllegalArgumentException().isThrownBy(() -> new PartitionConfig().maxTickets(0).conclude())
            .withMessageContaining("maxTickets");
        assertThatIllegalArgumentException().isThrownBy(() -> new PartitionConfig().maxRegions(0).conclude())
            .withMessageContaining("maxRegions");
        assertThatIllegalArgumentException().isThrownBy(() -> new PartitionConfig().scanLimit(0).conclude())
            .withMessageContaining("scanLimit");
    }
}
