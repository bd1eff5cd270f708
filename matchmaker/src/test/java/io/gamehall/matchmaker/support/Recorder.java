package io.gamehall.matchmaker.support;

import io.gamehall.matchmaker.PartitionOutput;
import io.gamehall.matchmaker.text.PartitionMessageText;
import io.gamehall.sbe.matchmaker.CommandRefusedDecoder;
import io.gamehall.sbe.matchmaker.MatchFoundDecoder;
import io.gamehall.sbe.matchmaker.MatchmakerCode;
import io.gamehall.sbe.matchmaker.MessageHeaderDecoder;
import io.gamehall.sbe.matchmaker.RangeChangedDecoder;
import io.gamehall.sbe.matchmaker.TicketCancelledDecoder;
import io.gamehall.sbe.matchmaker.TicketExpiredDecoder;
import io.gamehall.sbe.matchmaker.TicketHandedOverDecoder;
import org.agrona.DirectBuffer;

import java.util.ArrayList;
import java.util.List;

/**
 * Keeps everything an engine said: each message as a line of text, and decoded into records.
 */
public final class Recorder implements PartitionOutput
{
    /** One ticket of a match. */
    public record MatchTicket(long ticketId, int region, long createdTime, int rating, int team)
    {
    }

    /** One player of a match. */
    public record MatchPlayer(long userId, long ticketId, int rating, int team)
    {
    }

    /** A MatchFound. */
    public record Match(long matchId, long time, int spread, List<MatchTicket> tickets, List<MatchPlayer> players)
    {
    }

    /** A TicketExpired or TicketCancelled. */
    public record Ended(long ticketId, long createdTime, long time)
    {
    }

    /** A CommandRefused. */
    public record Refused(int command, long ticketId, MatchmakerCode code)
    {
    }

    /** A TicketHandedOver. */
    public record HandedOver(long ticketId, int region, long createdTime, long[] users, int[] ratings)
    {
    }

    /** A RangeChanged. */
    public record RangeChange(int lower, int upper, int handedOver, int waiting)
    {
    }

    private final List<String> lines = new ArrayList<>();
    private final List<Match> matches = new ArrayList<>();
    private final List<Ended> expired = new ArrayList<>();
    private final List<Ended> cancelled = new ArrayList<>();
    private final List<Refused> refused = new ArrayList<>();
    private final List<HandedOver> handedOver = new ArrayList<>();
    private final List<RangeChange> rangeChanges = new ArrayList<>();

    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final MatchFoundDecoder matchFound = new MatchFoundDecoder();
    private final TicketExpiredDecoder ticketExpired = new TicketExpiredDecoder();
    private final TicketCancelledDecoder ticketCancelled = new TicketCancelledDecoder();
    private final CommandRefusedDecoder commandRefused = new CommandRefusedDecoder();
    private final TicketHandedOverDecoder ticketHandedOver = new TicketHandedOverDecoder();
    private final RangeChangedDecoder rangeChanged = new RangeChangedDecoder();

    public void onMessage(final DirectBuffer buffer, final int offset, final int length)
    {
        lines.add(PartitionMessageText.render(buffer, offset, length));
        header.wrap(buffer, offset);
        final int body = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        final int block = header.blockLength();
        final int version = header.version();
        switch (header.templateId())
        {
            case MatchFoundDecoder.TEMPLATE_ID:
            {
                final MatchFoundDecoder d = matchFound.wrap(buffer, body, block, version);
                final long matchId = d.matchId();
                d.queueId();
                final long time = d.time();
                final int spread = d.spread();
                final List<MatchTicket> tickets = new ArrayList<>();
                for (final MatchFoundDecoder.TicketsDecoder t : d.tickets())
                {
                    tickets.add(new MatchTicket(t.ticketId(), t.region(), t.createdTime(), t.rating(), t.team()));
                }
                final List<MatchPlayer> players = new ArrayList<>();
                for (final MatchFoundDecoder.PlayersDecoder p : d.players())
                {
                    players.add(new MatchPlayer(p.userId(), p.ticketId(), p.rating(), p.team()));
                }
                matches.add(new Match(matchId, time, spread, tickets, players));
                break;
            }
            case TicketExpiredDecoder.TEMPLATE_ID:
            {
                final TicketExpiredDecoder d = ticketExpired.wrap(buffer, body, block, version);
                final long ticketId = d.ticketId();
                d.queueId();
                expired.add(new Ended(ticketId, d.createdTime(), d.time()));
                break;
            }
            case TicketCancelledDecoder.TEMPLATE_ID:
            {
                final TicketCancelledDecoder d = ticketCancelled.wrap(buffer, body, block, version);
                final long ticketId = d.ticketId();
                d.queueId();
                cancelled.add(new Ended(ticketId, d.createdTime(), d.time()));
                break;
            }
            case CommandRefusedDecoder.TEMPLATE_ID:
            {
                final CommandRefusedDecoder d = commandRefused.wrap(buffer, body, block, version);
                refused.add(new Refused(d.command(), d.ticketId(), d.code()));
                break;
            }
            case TicketHandedOverDecoder.TEMPLATE_ID:
            {
                final TicketHandedOverDecoder d = ticketHandedOver.wrap(buffer, body, block, version);
                final long ticketId = d.ticketId();
                d.queueId();
                final int region = d.region();
                final long created = d.createdTime();
                final TicketHandedOverDecoder.MembersDecoder members = d.members();
                final long[] users = new long[members.count()];
                final int[] ratings = new int[members.count()];
                for (int i = 0; i < users.length; i++)
                {
                    members.next();
                    users[i] = members.userId();
                    ratings[i] = members.rating();
                }
                handedOver.add(new HandedOver(ticketId, region, created, users, ratings));
                break;
            }
            case RangeChangedDecoder.TEMPLATE_ID:
            {
                final RangeChangedDecoder d = rangeChanged.wrap(buffer, body, block, version);
                d.queueId();
                rangeChanges.add(new RangeChange(d.lower(), d.upper(), d.handedOver(), d.waiting()));
                break;
            }
            default:
                throw new IllegalStateException("the engine said something unknown: " + lines.get(lines.size() - 1));
        }
    }

    public List<String> lines()
    {
        return lines;
    }

    public int mark()
    {
        return lines.size();
    }

    public List<String> since(final int mark)
    {
        return new ArrayList<>(lines.subList(mark, lines.size()));
    }

    public List<Match> matches()
    {
        return matches;
    }

    public List<Ended> expired()
    {
        return expired;
    }

    public List<Ended> cancelled()
    {
        return cancelled;
    }

    public List<Refused> refused()
    {
        return refused;
    }

    public List<HandedOver> handedOver()
    {
        return handedOver;
    }

    public List<RangeChange> rangeChanges()
    {
        return rangeChanges;
    }

    /**
     * @return the last refusal's code, or null when the last message was not a refusal.
     */
    public MatchmakerCode lastRefusal()
    {
        if (lines.isEmpty() || !lines.get(lines.size() - 1).startsWith("CommandRefused"))
        {
            return null;
        }
        return refused.get(refused.size() - 1).code();
    }
}
