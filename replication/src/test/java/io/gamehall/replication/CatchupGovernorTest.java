package io.gamehall.replication;

import io.aeron.cluster.ClusterMember;
import io.aeron.cluster.ClusterMembership;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class CatchupGovernorTest
{
    private static final long MB = 1024 * 1024;
    private static final long NOW_NS = TimeUnit.SECONDS.toNanos(100);

    @Test
    void shouldPickTheMemberFurthestBehindAmongThoseHeardFromLately()
    {
        final ClusterMembership membership = membership(
            member(0, 100 * MB, NOW_NS),
            member(1, 90 * MB, NOW_NS - TimeUnit.MILLISECONDS.toNanos(500)),
            member(2, 10 * MB, NOW_NS - TimeUnit.SECONDS.toNanos(5)));

        assertThat(CatchupGovernor.worstLiveMember(membership, 100 * MB))
            .as("member 2 is further behind but silent (dead): it must not hold the cluster back").isEqualTo(1);
    }

    @Test
    void shouldFindNoneWhenEveryoneIsUpToDate()
    {
        final ClusterMembership membership = membership(member(0, 100 * MB, NOW_NS), member(1, 100 * MB, NOW_NS));

        assertThat(CatchupGovernor.worstLiveMember(membership, 100 * MB)).isEqualTo(-1);
    }

    @Test
    void shouldCapAboveTheLagAndReleaseOnlyWhenAlmostCaughtUp()
    {
        final long lagBytes = 8 * MB;
        assertThat(CatchupGovernor.shouldCap(false, 7 * MB, lagBytes)).isFalse();
        assertThat(CatchupGovernor.shouldCap(false, 9 * MB, lagBytes)).isTrue();
        assertThat(CatchupGovernor.shouldCap(true, 2 * MB, lagBytes)).as("still behind: stays capped").isTrue();
        assertThat(CatchupGovernor.shouldCap(true, 512 * 1024, lagBytes)).isFalse();
        assertThat(CatchupGovernor.releaseBytes(1 * MB)).isEqualTo(512 * 1024);
    }

    @Test
    void shouldPaceToTheLimitAndNotAtAllWithoutOne()
    {
        final IngressPacer pacer = new IngressPacer();
        long start = System.nanoTime();
        for (int i = 0; i < 100_000; i++)
        {
            pacer.pace();
        }
        assertThat(System.nanoTime() - start).as("no limit: no waiting").isLessThan(TimeUnit.SECONDS.toNanos(1));

        pacer.limit(2_000);
        start = System.nanoTime();
        for (int i = 0; i < 464; i++)
        {
            pacer.pace();
        }
        assertThat(System.nanoTime() - start).as("400 commands past the burst of 64 at 2,000/s take 200 ms")
            .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(195));
    }

    private static ClusterMembership membership(final ClusterMember... members)
    {
        final ClusterMembership membership = new ClusterMembership();
        membership.memberId = 0;
        membership.currentTimeNs = NOW_NS;
        membership.activeMembers = List.of(members);
        return membership;
    }

    private static ClusterMember member(final int id, final long logPosition, final long lastAppendNs)
    {
        return new ClusterMember(id, "i", "c", "l", "u", "a", "e")
            .logPosition(logPosition)
            .timeOfLastAppendPositionNs(lastAppendNs);
    }
}
