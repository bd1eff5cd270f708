package io.gamehall.matchmaker;

import io.gamehall.sbe.matchmaker.CommandRefusedEncoder;
import io.gamehall.sbe.matchmaker.MatchFoundEncoder;
import io.gamehall.sbe.matchmaker.MatchmakerCode;
import io.gamehall.sbe.matchmaker.MessageHeaderEncoder;
import io.gamehall.sbe.matchmaker.RangeChangedEncoder;
import io.gamehall.sbe.matchmaker.TicketCancelledEncoder;
import io.gamehall.sbe.matchmaker.TicketExpiredEncoder;
import io.gamehall.sbe.matchmaker.TicketHandedOverEncoder;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Encodes what the engine says into one reused buffer, with one reused encoder per message,
 * and hands each message to the {@link PartitionOutput}.
 */
final class PartitionPublisher
{
    private static final int HEADER = MessageHeaderEncoder.ENCODED_LENGTH;

    private final PartitionOutput output;
    private final TicketTable tickets;
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[8_192]);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final CommandRefusedEncoder refused = new CommandRefusedEncoder();
    private final MatchFoundEncoder matchFound = new MatchFoundEncoder();
    private final TicketExpiredEncoder expired = new TicketExpiredEncoder();
    private final TicketCancelledEncoder cancelled = new TicketCancelledEncoder();
    private final TicketHandedOverEncoder handedOver = new TicketHandedOverEncoder();
    private final RangeChangedEncoder rangeChanged = new RangeChangedEncoder();

    PartitionPublisher(final PartitionOutput output, final TicketTable tickets)
    {
        this.output = output;
        this.tickets = tickets;
    }

    void refused(final int command, final long ticketId, final MatchmakerCode code)
    {
        refused.wrapAndApplyHeader(buffer, 0, header).command(command).ticketId(ticketId).code(code);
        output.onMessage(buffer, 0, HEADER + refused.encodedLength());
    }

    void matchFound(final long matchId, final int queueId, final long time, final GroupFinder group)
    {
        matchFound.wrapAndApplyHeader(buffer, 0, header)
            .matchId(matchId)
            .queueId(queueId)
            .time(time)
            .spread(group.spread());
        final int count = group.count();
        final MatchFoundEncoder.TicketsEncoder ticketGroup = matchFound.ticketsCount(count);
        int players = 0;
        for (int i = 0; i < count; i++)
        {
            final int slot = group.member(i);
            players += tickets.partySize(slot);
            ticketGroup.next()
                .ticketId(tickets.ticketId(slot))
                .region(tickets.region(slot))
                .createdTime(tickets.created(slot))
                .rating(tickets.rating(slot))
                .team((short)group.teamOf(i));
        }
        final MatchFoundEncoder.PlayersEncoder playerGroup = matchFound.playersCount(players);
        for (int i = 0; i < count; i++)
        {
            final int slot = group.member(i);
            final short team = (short)group.teamOf(i);
            for (int m = 0; m < tickets.partySize(slot); m++)
            {
                playerGroup.next()
                    .userId(tickets.memberUser(slot, m))
                    .ticketId(tickets.ticketId(slot))
                    .rating(tickets.memberRating(slot, m))
                    .team(team);
            }
        }
        output.onMessage(buffer, 0, HEADER + matchFound.encodedLength());
    }

    void expired(final int slot, final int queueId, final long time)
    {
        expired.wrapAndApplyHeader(buffer, 0, header)
            .ticketId(tickets.ticketId(slot))
            .queueId(queueId)
            .createdTime(tickets.created(slot))
            .time(time);
        output.onMessage(buffer, 0, HEADER + expired.encodedLength());
    }

    void cancelled(final int slot, final int queueId, final long time)
    {
        cancelled.wrapAndApplyHeader(buffer, 0, header)
            .ticketId(tickets.ticketId(slot))
            .queueId(queueId)
            .createdTime(tickets.created(slot))
            .time(time);
        output.onMessage(buffer, 0, HEADER + cancelled.encodedLength());
    }

    void handedOver(final int slot, final int queueId)
    {
        handedOver.wrapAndApplyHeader(buffer, 0, header)
            .ticketId(tickets.ticketId(slot))
            .queueId(queueId)
            .region(tickets.region(slot))
            .createdTime(tickets.created(slot));
        final TicketHandedOverEncoder.MembersEncoder members = handedOver.membersCount(tickets.partySize(slot));
        for (int m = 0; m < tickets.partySize(slot); m++)
        {
            members.next().userId(tickets.memberUser(slot, m)).rating(tickets.memberRating(slot, m));
        }
        output.onMessage(buffer, 0, HEADER + handedOver.encodedLength());
    }

    void rangeChanged(final int queueId, final int lower, final int upper, final int handedOverCount, final int waiting)
    {
        rangeChanged.wrapAndApplyHeader(buffer, 0, header)
            .queueId(queueId)
            .lower(lower)
            .upper(upper)
            .handedOver(handedOverCount)
            .waiting(waiting);
        output.onMessage(buffer, 0, HEADER + rangeChanged.encodedLength());
    }
}
