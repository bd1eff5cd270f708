package io.gamehall.matchmaker;

import io.gamehall.matchmaker.support.Partition;
import io.gamehall.sbe.matchmaker.AddTicketEncoder;
import io.gamehall.sbe.matchmaker.MatchmakerCode;
import io.gamehall.sbe.matchmaker.MessageHeaderEncoder;
import io.gamehall.sbe.matchmaker.SplitMode;
import io.gamehall.sbe.matchmaker.TickEncoder;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every bad command gets one CommandRefused with its own code and changes nothing: the state
 * hash, the waiting tickets and what later commands do stay as they were.
 */
class BadInputTest
{
    private Partition p;

    @BeforeEach
    void waitingTickets()
    {
        p = new Partition(
            new QueueRules().playersPerMatch(4).teams(2).teamSize(2).initialWindow(20).widenBy(0).maxWindow(20)
                .regionStrict(true),
            new PartitionConfig().queueId(3).lower(1000).upper(2000).maxTickets(4).maxRegions(2));
        p.tick(10_000);
        p.add(1, 1, 9_000, new long[]{11, 12}, new int[]{1100, 1300});
        p.add(2, 2, 9_000, new long[]{21}, new int[]{1500});
    }

    private void refused(final Supplier<List<String>> command, final int template, final long ticketId,
        final MatchmakerCode code)
    {
        final long hash = p.engine().stateHash();
        final int waiting = p.engine().ticketCount();
        assertThat(command.get()).containsExactly(
            "CommandRefused command=" + template + " ticketId=" + ticketId + " code=" + code);
        assertThat(p.engine().stateHash()).isEqualTo(hash);
        assertThat(p.engine().ticketCount()).isEqualTo(waiting);
    }

    @Test
    void shouldRefuseAnotherQueue()
    {
        refused(() -> p.apply("AddTicket ticketId=5 queueId=4 region=1 createdTime=9000 members=51:1500"),
            1, 5, MatchmakerCode.UNKNOWN_QUEUE);
    }

    @Test
    void shouldRefuseARatingOutsideTheRange()
    {
        refused(() -> p.add(5, 1, 9_000, new long[]{51}, new int[]{2000}), 1, 5, MatchmakerCode.RATING_OUT_OF_RANGE);
        refused(() -> p.add(5, 1, 9_000, new long[]{51}, new int[]{999}), 1, 5, MatchmakerCode.RATING_OUT_OF_RANGE);
        refused(() -> p.add(5, 1, 9_000, new long[]{51, 52}, new int[]{1999, 2001}), 1, 5,
            MatchmakerCode.RATING_OUT_OF_RANGE);
        assertThat(p.add(5, 1, 9_000, new long[]{51, 52}, new int[]{1998, 2001})).as("average 1999, rounded down")
            .isEmpty();
    }

    @Test
    void shouldRefuseATicketIdAlreadyWaiting()
    {
        refused(() -> p.add(1, 1, 9_000, new long[]{51}, new int[]{1500}), 1, 1, MatchmakerCode.DUPLICATE_TICKET);
    }

    @Test
    void shouldRefuseAUserAlreadyWaitingInAnotherTicket()
    {
        refused(() -> p.add(5, 1, 9_000, new long[]{51, 12}, new int[]{1500, 1500}), 1, 5,
            MatchmakerCode.USER_ALREADY_WAITING);
        refused(() -> p.add(5, 1, 9_000, new long[]{21}, new int[]{1500}), 1, 5, MatchmakerCode.USER_ALREADY_WAITING);
    }

    @Test
    void shouldRefuseAPartyTooLargeForATeam()
    {
        refused(() -> p.add(5, 1, 9_000, new long[]{51, 52, 53}, new int[]{1500, 1500, 1500}), 1, 5,
            MatchmakerCode.PARTY_TOO_LARGE);
    }

    @Test
    void shouldRefuseAnEmptyPartyAndAUserListedTwice()
    {
        refused(() -> p.add(5, 1, 9_000, new long[0], new int[0]), 1, 5, MatchmakerCode.EMPTY_PARTY);
        refused(() -> p.add(5, 1, 9_000, new long[]{51, 51}, new int[]{1500, 1500}), 1, 5,
            MatchmakerCode.DUPLICATE_PARTY_MEMBER);
    }

    @Test
    void shouldRefuseIdsAndTimesThatCannotBe()
    {
        refused(() -> p.add(0, 1, 9_000, new long[]{51}, new int[]{1500}), 1, 0, MatchmakerCode.INVALID_VALUE);
        refused(() -> p.add(-5, 1, 9_000, new long[]{51}, new int[]{1500}), 1, -5, MatchmakerCode.INVALID_VALUE);
        refused(() -> p.add(5, 1, 9_000, new long[]{0}, new int[]{1500}), 1, 5, MatchmakerCode.INVALID_VALUE);
        refused(() -> p.add(5, 1, -1, new long[]{51}, new int[]{1500}), 1, 5, MatchmakerCode.INVALID_VALUE);
        refused(() -> p.add(5, 1, PartitionEngine.MAX_TIME + 1, new long[]{51}, new int[]{1500}), 1, 5,
            MatchmakerCode.INVALID_VALUE);
        refused(() -> p.tick(-1), 3, 0, MatchmakerCode.INVALID_VALUE);
        refused(() -> p.cancel(0), 2, 0, MatchmakerCode.INVALID_VALUE);
    }

    @Test
    void shouldRefuseCancellingATicketThatIsNotWaiting()
    {
        refused(() -> p.cancel(99), 2, 99, MatchmakerCode.UNKNOWN_TICKET);
    }

    @Test
    void shouldRefuseATickBeforeTheLastOne()
    {
        refused(() -> p.tick(9_999), 3, 0, MatchmakerCode.TIME_WENT_BACKWARDS);
    }

    @Test
    void shouldRefuseATicketThatMustWaitWhenThePartitionIsFull()
    {
        p.add(3, 1, 9_000, new long[]{31}, new int[]{1700});
        p.add(4, 1, 9_000, new long[]{41}, new int[]{1800});
        refused(() -> p.add(5, 1, 9_000, new long[]{51}, new int[]{1900}), 1, 5, MatchmakerCode.PARTITION_FULL);
        refused(() -> p.add(6, 2, 9_000, new long[]{61, 62}, new int[]{1490, 1500}), 1, 6,
            MatchmakerCode.PARTITION_FULL);
    }

    @Test
    void shouldTakeATicketThatMatchesAtOnceEvenWhenThePartitionIsFull()
    {
        p.add(3, 2, 9_000, new long[]{31}, new int[]{1505});
        p.add(4, 1, 9_000, new long[]{41}, new int[]{1800});
        assertThat(p.engine().ticketCount()).isEqualTo(4);
        assertThat(p.add(5, 2, 9_000, new long[]{51, 52}, new int[]{1490, 1510})).hasSize(1)
            .allMatch(line -> line.startsWith("MatchFound"));
        assertThat(p.engine().ticketCount()).isEqualTo(2);
    }

    @Test
    void shouldRefuseATicketOfOneRegionTooMany()
    {
        refused(() -> p.add(5, 3, 9_000, new long[]{51}, new int[]{1500}), 1, 5, MatchmakerCode.TOO_MANY_REGIONS);
        p.cancel(2);
        assertThat(p.add(5, 3, 9_000, new long[]{51}, new int[]{1500})).as("a region whose tickets all ended frees room")
            .isEmpty();
    }

    @Test
    void shouldRefuseBadRanges()
    {
        refused(() -> p.split(999, SplitMode.HAND_OVER), 4, 0, MatchmakerCode.INVALID_RANGE);
        refused(() -> p.split(2000, SplitMode.KEEP), 4, 0, MatchmakerCode.INVALID_RANGE);
        refused(() -> p.extend(1001, 3000), 5, 0, MatchmakerCode.INVALID_RANGE);
        refused(() -> p.extend(500, 1999), 5, 0, MatchmakerCode.INVALID_RANGE);
        final ExpandableArrayBuffer bytes = new ExpandableArrayBuffer();
        final int length = new io.gamehall.matchmaker.support.Commands().splitRange(bytes, 0, 1500, SplitMode.KEEP);
        bytes.putByte(MessageHeaderEncoder.ENCODED_LENGTH + 4, (byte)7);
        refused(() -> p.apply(bytes, 0, length), 4, 0, MatchmakerCode.INVALID_VALUE);
    }

    @Test
    void shouldRefuseMessagesThatAreNotCommands()
    {
        final UnsafeBuffer bytes = new UnsafeBuffer(new byte[256]);
        refused(() -> p.apply(bytes, 0, 7), 0, 0, MatchmakerCode.MALFORMED_MESSAGE);

        final MessageHeaderEncoder header = new MessageHeaderEncoder();
        final TickEncoder tick = new TickEncoder().wrapAndApplyHeader(bytes, 0, header).time(20_000);
        final int tickLength = MessageHeaderEncoder.ENCODED_LENGTH + tick.encodedLength();

        header.schemaId(7101);
        refused(() -> p.apply(bytes, 0, tickLength), 3, 0, MatchmakerCode.UNKNOWN_SCHEMA);
        header.schemaId(TickEncoder.SCHEMA_ID).version(PartitionEngine.SCHEMA_VERSION + 2);
        refused(() -> p.apply(bytes, 0, tickLength), 3, 0, MatchmakerCode.UNSUPPORTED_VERSION);
        header.version(TickEncoder.SCHEMA_VERSION).templateId(19);
        refused(() -> p.apply(bytes, 0, tickLength), 19, 0, MatchmakerCode.UNKNOWN_TEMPLATE);
        header.templateId(TickEncoder.TEMPLATE_ID).blockLength(4);
        refused(() -> p.apply(bytes, 0, tickLength), 3, 0, MatchmakerCode.BAD_BLOCK_LENGTH);
        header.blockLength(TickEncoder.BLOCK_LENGTH);
        refused(() -> p.apply(bytes, 0, tickLength - 1), 3, 0, MatchmakerCode.MALFORMED_MESSAGE);
        assertThat(p.apply(bytes, 0, tickLength)).as("the same bytes, whole, are a good tick").isEmpty();
        assertThat(p.engine().now()).isEqualTo(20_000);
    }

    @Test
    void shouldRefuseATicketWhoseMembersRunPastTheMessage()
    {
        final ExpandableArrayBuffer bytes = new ExpandableArrayBuffer();
        final int length = new io.gamehall.matchmaker.support.Commands()
            .addTicket(bytes, 0, 5, 3, 1, 9_000, new long[]{51, 52}, new int[]{1500, 1500});
        refused(() -> p.apply(bytes, 0, length - 1), 1, 5, MatchmakerCode.MALFORMED_MESSAGE);
        final int countAt = MessageHeaderEncoder.ENCODED_LENGTH + AddTicketEncoder.BLOCK_LENGTH + 2;
        bytes.putShort(countAt, (short)-1);
        refused(() -> p.apply(bytes, 0, length), 1, 5, MatchmakerCode.PARTY_TOO_LARGE);
    }

    @Test
    void shouldBehaveAfterRefusalsAsIfTheyNeverCame()
    {
        final Partition clean = new Partition(
            new QueueRules().playersPerMatch(4).teams(2).teamSize(2).initialWindow(20).widenBy(0).maxWindow(20)
                .regionStrict(true),
            new PartitionConfig().queueId(3).lower(1000).upper(2000).maxTickets(4).maxRegions(2));
        clean.tick(10_000);
        clean.add(1, 1, 9_000, new long[]{11, 12}, new int[]{1100, 1300});
        clean.add(2, 2, 9_000, new long[]{21}, new int[]{1500});

        p.add(1, 1, 9_000, new long[]{51}, new int[]{1500});
        p.add(5, 1, 9_000, new long[]{12}, new int[]{1500});
        p.tick(1);
        p.cancel(77);

        for (final Partition each : List.of(p, clean))
        {
            each.add(7, 2, 9_000, new long[]{71, 72}, new int[]{1490, 1505});
            each.add(8, 2, 9_000, new long[]{81}, new int[]{1500});
        }
        assertThat(p.recorder().matches()).isEqualTo(clean.recorder().matches());
        assertThat(p.engine().stateHash()).isEqualTo(clean.engine().stateHash());
    }
}
