package io.gamehall.matchmaker;

import io.gamehall.matchmaker.support.Partition;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a ticket that is not matched ends: expired or cancelled, once.
 */
class TicketEndsTest
{
    private static Partition partition()
    {
        return new Partition(
            new QueueRules().initialWindow(10).widenBy(10).widenEveryMs(1_000).maxWindow(50).maxWaitMs(30_000),
            new PartitionConfig().queueId(4).lower(0).upper(3_000));
    }

    @Test
    void shouldExpireATicketOnTheFirstTickAtItsLongestWait()
    {
        final Partition p = partition();
        p.add(1, 1_000, 11, 1500);
        assertThat(p.tick(30_999)).isEmpty();
        assertThat(p.tick(31_000)).containsExactly("TicketExpired ticketId=1 queueId=4 createdTime=1000 time=31000");
        assertThat(p.engine().ticketCount()).isZero();
        assertThat(p.tick(90_000)).as("once").isEmpty();
    }

    @Test
    void shouldExpireTheLongestWaitingFirst()
    {
        final Partition p = partition();
        p.add(3, 2_000, 13, 100);
        p.add(2, 1_000, 12, 2000);
        p.add(1, 2_000, 11, 900);
        assertThat(p.tick(40_000)).extracting(line -> line.substring(0, "TicketExpired ticketId=1".length()))
            .containsExactly("TicketExpired ticketId=2", "TicketExpired ticketId=1", "TicketExpired ticketId=3");
    }

    @Test
    void shouldExpireATicketThatArrivesPastItsLongestWait()
    {
        final Partition p = partition();
        p.tick(100_000);
        assertThat(p.add(1, 70_000, 11, 1500))
            .containsExactly("TicketExpired ticketId=1 queueId=4 createdTime=70000 time=100000");
        assertThat(p.engine().ticketCount()).isZero();
        assertThat(p.engine().isUserWaiting(11)).isFalse();
    }

    @Test
    void shouldCancelAWaitingTicketOnce()
    {
        final Partition p = partition();
        p.tick(5_000);
        p.add(1, 1_000, 11, 1500);
        assertThat(p.cancel(1)).containsExactly("TicketCancelled ticketId=1 queueId=4 createdTime=1000 time=5000");
        assertThat(p.engine().isUserWaiting(11)).isFalse();
        assertThat(p.cancel(1)).containsExactly("CommandRefused command=2 ticketId=1 code=UNKNOWN_TICKET");
        assertThat(p.tick(60_000)).as("a cancelled ticket does not expire").isEmpty();
    }

    @Test
    void shouldLetAUserWaitAgainOnceTheirTicketEnded()
    {
        final Partition p = partition();
        p.add(1, 0, 11, 1500);
        p.cancel(1);
        assertThat(p.add(2, 0, 11, 1500)).isEmpty();
        assertThat(p.add(1, 0, 12, 2500)).as("a ticket id may come back once its ticket ended").isEmpty();
        assertThat(p.engine().ticketCount()).isEqualTo(2);
    }

    @Test
    void shouldTakeATickAtTheSameTimeAgain()
    {
        final Partition p = partition();
        p.tick(5_000);
        assertThat(p.tick(5_000)).isEmpty();
        assertThat(p.engine().now()).isEqualTo(5_000);
    }
}
