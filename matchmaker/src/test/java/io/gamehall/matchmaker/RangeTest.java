package io.gamehall.matchmaker;

import io.gamehall.matchmaker.support.Partition;
import io.gamehall.matchmaker.support.Recorder.HandedOver;
import io.gamehall.matchmaker.support.Recorder.RangeChange;
import io.gamehall.sbe.matchmaker.SplitMode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a partition does for splits and merges of ranges: hand its tickets above a point over,
 * or keep them while new ones go elsewhere; take a wider range; absorb handed-over tickets with
 * their original waiting time.
 */
class RangeTest
{
    private static QueueRules rules()
    {
        return new QueueRules().initialWindow(20).widenBy(20).widenEveryMs(10_000).maxWindow(100).maxWaitMs(60_000);
    }

    private static Partition partition(final int lower, final int upper)
    {
        return new Partition(rules(), new PartitionConfig().queueId(1).lower(lower).upper(upper).ratingBuckets(64));
    }

    @Test
    void shouldHandOverTheTicketsAtAndAboveTheSplitPointInWaitingOrder()
    {
        final Partition p = partition(0, 3_000);
        p.tick(5_000);
        p.add(1, 0, 3_000, new long[]{11}, new int[]{1000});
        p.add(2, 0, 2_000, new long[]{12}, new int[]{1600});
        p.add(3, 7, 1_000, new long[]{13}, new int[]{2200});
        p.add(4, 0, 4_000, new long[]{14}, new int[]{1500});

        assertThat(p.split(1500, SplitMode.HAND_OVER)).containsExactly(
            "TicketHandedOver ticketId=3 queueId=1 region=7 createdTime=1000 members=[(userId=13 rating=2200)]",
            "TicketHandedOver ticketId=2 queueId=1 region=0 createdTime=2000 members=[(userId=12 rating=1600)]",
            "TicketHandedOver ticketId=4 queueId=1 region=0 createdTime=4000 members=[(userId=14 rating=1500)]",
            "RangeChanged queueId=1 lower=0 upper=1500 handedOver=3 waiting=1");
        assertThat(p.engine().upper()).isEqualTo(1500);
        assertThat(p.engine().isUserWaiting(12)).isFalse();
        assertThat(p.add(5, 5_000, 15, 1500)).containsExactly("CommandRefused command=1 ticketId=5 code=RATING_OUT_OF_RANGE");
        assertThat(p.add(5, 5_000, 15, 1499)).isEmpty();
    }

    @Test
    void shouldLetAnotherPartitionAbsorbHandedOverTicketsWithTheirWaitingTime()
    {
        final Partition old = partition(0, 3_000);
        old.tick(25_000);
        old.add(1, 0, 10, 2000);
        old.add(2, 24_000, 20, 1000);
        old.split(1500, SplitMode.HAND_OVER);

        final Partition fresh = partition(1500, 3_000);
        fresh.tick(25_000);
        for (final HandedOver ticket : old.recorder().handedOver())
        {
            assertThat(fresh.add(ticket.ticketId(), ticket.region(), ticket.createdTime(), ticket.users(),
                ticket.ratings())).isEmpty();
        }
        assertThat(fresh.add(3, 25_000, 30, 2030)).as("ticket 1 waited 25 s: window 60, but ticket 3's is 20")
            .isEmpty();
        assertThat(fresh.add(4, 0, 40, 2060)).as("ticket 4 waited 25 s too: 60 from ticket 1, both windows 60")
            .hasSize(1);
        assertThat(fresh.recorder().matches().get(0).tickets()).extracting(t -> t.ticketId())
            .containsExactlyInAnyOrder(1L, 4L);
        assertThat(fresh.tick(60_000)).as("ticket 3 expires on its own time; ticket 1 is gone").isEmpty();
        assertThat(fresh.tick(85_000)).containsExactly("TicketExpired ticketId=3 queueId=1 createdTime=25000 time=85000");
    }

    @Test
    void shouldKeepWaitingTicketsAboveTheSplitPointAndMatchThemWithNewOnesBelowIt()
    {
        final Partition p = partition(0, 3_000);
        p.add(1, 0, 11, 1510);
        p.add(2, 0, 12, 2500);
        assertThat(p.split(1500, SplitMode.KEEP)).containsExactly(
            "RangeChanged queueId=1 lower=0 upper=1500 handedOver=0 waiting=2");
        assertThat(p.add(3, 0, 13, 1600)).containsExactly("CommandRefused command=1 ticketId=3 code=RATING_OUT_OF_RANGE");
        assertThat(p.add(4, 0, 14, 1495)).hasSize(1);
        assertThat(p.recorder().matches().get(0).tickets()).extracting(t -> t.ticketId())
            .containsExactlyInAnyOrder(1L, 4L);
        assertThat(p.tick(60_000)).containsExactly("TicketExpired ticketId=2 queueId=1 createdTime=0 time=60000");
    }

    @Test
    void shouldHandOverEverythingWhenSplitAtTheLowerEnd()
    {
        final Partition p = partition(1000, 2000);
        p.add(1, 0, 11, 1000);
        p.add(2, 0, 12, 1999);
        final List<String> out = p.split(1000, SplitMode.HAND_OVER);
        assertThat(out).hasSize(3);
        assertThat(p.recorder().rangeChanges()).containsExactly(new RangeChange(1000, 1000, 2, 0));
        assertThat(p.add(3, 0, 13, 1000)).containsExactly("CommandRefused command=1 ticketId=3 code=RATING_OUT_OF_RANGE");
        assertThat(p.split(1000, SplitMode.KEEP)).containsExactly("CommandRefused command=4 ticketId=0 code=INVALID_RANGE");
    }

    @Test
    void shouldTakeAWiderRangeAndKeepMatchingAcrossIt()
    {
        final Partition p = partition(1000, 1100);
        p.add(1, 0, 11, 1090);
        p.add(2, 0, 12, 1000);
        assertThat(p.extend(0, 100_000)).containsExactly(
            "RangeChanged queueId=1 lower=0 upper=100000 handedOver=0 waiting=2");
        assertThat(p.add(3, 0, 13, 99_999)).isEmpty();
        assertThat(p.add(4, 0, 14, 1105)).hasSize(1);
        assertThat(p.recorder().matches().get(0).tickets()).extracting(t -> t.ticketId())
            .containsExactlyInAnyOrder(1L, 4L);
        assertThat(p.add(5, 0, 15, 99_990)).hasSize(1);
        assertThat(p.add(6, 0, 16, 15)).as("ticket 2, 985 away, is out of window").isEmpty();
        assertThat(p.add(7, 0, 17, 985)).hasSize(1);
        assertThat(p.engine().ticketCount()).isEqualTo(1);
    }

    @Test
    void shouldMergeTwoNeighboursWithoutLosingATicket()
    {
        final Partition left = partition(0, 1000);
        final Partition right = partition(1000, 2000);
        left.add(1, 0, 11, 990);
        right.add(2, 0, 12, 1030);
        right.add(3, 0, 13, 1500);

        left.extend(0, 2000);
        right.split(1000, SplitMode.HAND_OVER);
        for (final HandedOver ticket : right.recorder().handedOver())
        {
            left.add(ticket.ticketId(), ticket.region(), ticket.createdTime(), ticket.users(), ticket.ratings());
        }
        assertThat(right.engine().ticketCount()).isZero();
        assertThat(left.engine().ticketCount()).isEqualTo(3);
        left.tick(10_000);
        assertThat(left.recorder().matches()).hasSize(1);
        assertThat(left.recorder().matches().get(0).tickets()).extracting(t -> t.ticketId())
            .containsExactlyInAnyOrder(1L, 2L);
    }
}
