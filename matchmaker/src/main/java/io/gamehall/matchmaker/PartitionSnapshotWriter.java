package io.gamehall.matchmaker;

import io.gamehall.sbe.matchmaker.snapshot.BooleanType;
import io.gamehall.sbe.matchmaker.snapshot.MessageHeaderEncoder;
import io.gamehall.sbe.matchmaker.snapshot.PartitionSnapshotBeginEncoder;
import io.gamehall.sbe.matchmaker.snapshot.PartitionSnapshotEndEncoder;
import io.gamehall.sbe.matchmaker.snapshot.PartitionStateEncoder;
import io.gamehall.sbe.matchmaker.snapshot.TicketRecordEncoder;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Writes a partition's state as snapshot messages ({@code matchmaker-snapshot.xml}): the begin
 * marker, the state (range, clock, match id generator, queue rules), every waiting ticket in
 * waiting order, and the end marker with the ticket count and the state hash. Equal states give
 * byte-identical snapshots.
 */
public final class PartitionSnapshotWriter
{
    /** Marks a matchmaker partition snapshot: "matchers" in ASCII. */
    public static final long MAGIC = 0x6D61746368657273L;
    /** Application-level format; bump when the meaning of records changes. */
    public static final int FORMAT_VERSION = 1;

    private static final int HEADER = MessageHeaderEncoder.ENCODED_LENGTH;

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[4_096]);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final PartitionSnapshotBeginEncoder begin = new PartitionSnapshotBeginEncoder();
    private final PartitionStateEncoder state = new PartitionStateEncoder();
    private final TicketRecordEncoder ticket = new TicketRecordEncoder();
    private final PartitionSnapshotEndEncoder end = new PartitionSnapshotEndEncoder();

    /**
     * Write the whole state of a partition.
     *
     * @param engine the partition.
     * @param sink   receives the messages in order.
     */
    public void write(final PartitionEngine engine, final SnapshotSink sink)
    {
        begin.wrapAndApplyHeader(buffer, 0, header).magic(MAGIC).formatVersion(FORMAT_VERSION);
        sink.onMessage(buffer, 0, HEADER + begin.encodedLength());

        final QueueRules rules = engine.rules;
        state.wrapAndApplyHeader(buffer, 0, header)
            .queueId(engine.queueId)
            .lower(engine.lower)
            .upper(engine.upper)
            .now(engine.now)
            .nextMatchId(engine.nextMatchId)
            .playersPerMatch(rules.playersPerMatch())
            .teams(rules.teams())
            .teamSize(rules.teamSize())
            .maxPartySize(rules.maxPartySize())
            .initialWindow(rules.initialWindow())
            .widenBy(rules.widenBy())
            .widenEveryMs(rules.widenEveryMs())
            .maxWindow(rules.maxWindow())
            .maxWaitMs(rules.maxWaitMs())
            .regionStrict(rules.regionStrict() ? BooleanType.TRUE : BooleanType.FALSE);
        sink.onMessage(buffer, 0, HEADER + state.encodedLength());

        final TicketTable tickets = engine.tickets;
        for (int s = engine.waiting.oldest(); s != TicketTable.NONE; s = engine.waiting.next(s))
        {
            ticket.wrapAndApplyHeader(buffer, 0, header)
                .ticketId(tickets.ticketId(s))
                .region(tickets.region(s))
                .createdTime(tickets.created(s));
            final TicketRecordEncoder.MembersEncoder members = ticket.membersCount(tickets.partySize(s));
            for (int m = 0; m < tickets.partySize(s); m++)
            {
                members.next().userId(tickets.memberUser(s, m)).rating(tickets.memberRating(s, m));
            }
            sink.onMessage(buffer, 0, HEADER + ticket.encodedLength());
        }

        end.wrapAndApplyHeader(buffer, 0, header).ticketCount(tickets.size()).stateHash(engine.stateHash());
        sink.onMessage(buffer, 0, HEADER + end.encodedLength());
    }
}
