package io.gamehall.matchmaker.service;

import io.gamehall.matchmaker.PartitionConfig;
import io.gamehall.matchmaker.PartitionEngine;
import io.gamehall.matchmaker.PartitionOutput;
import io.gamehall.matchmaker.QueueRules;
import io.gamehall.sbe.matchmaker.AddTicketEncoder;
import io.gamehall.sbe.matchmaker.CancelTicketEncoder;
import io.gamehall.sbe.matchmaker.CommandRefusedDecoder;
import io.gamehall.sbe.matchmaker.MatchFoundDecoder;
import io.gamehall.sbe.matchmaker.MatchmakerCode;
import io.gamehall.sbe.matchmaker.MessageHeaderDecoder;
import io.gamehall.sbe.matchmaker.MessageHeaderEncoder;
import io.gamehall.sbe.matchmaker.TickEncoder;
import io.gamehall.sbe.matchmaker.TicketCancelledDecoder;
import io.gamehall.sbe.matchmaker.TicketExpiredDecoder;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.Long2ObjectHashMap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The work of a matchmaker server, without I/O: one partition per queue, tickets in from
 * gateways, matches out to the master, and every accepted ticket ended exactly once towards
 * the gateway that holds it.
 * <ul>
 *   <li>{@link #onFindMatch}: a gateway's ticket goes into its queue's partition (or is
 *   refused with the partition's code, or {@link MatchmakerCode#USER_ALREADY_WAITING} when a
 *   member waits in any queue of this matchmaker).</li>
 *   <li>A match the partition forms leaves it at once and goes to the {@link MasterPort},
 *   players in seat order (team by team); until the master answers its tickets can no longer be
 *   cancelled ({@link MatchmakerCode#MATCH_BEING_SEATED}).</li>
 *   <li>{@link #onMatchSeated}: every ticket of the match ends {@link TicketEnd#MATCHED}.
 *   {@link #onMatchRefused} with the positions of the players that were not free: tickets
 *   holding one of them end {@link TicketEnd#PLAYER_UNAVAILABLE}, the others go back to wait
 *   with their original created time (and may match again at once); any other refusal ends
 *   every ticket {@link TicketEnd#NOT_SEATED}.</li>
 *   <li>{@link #onTick}: time passes in every partition: windows widen, tickets expire.</li>
 *   <li>{@link #onGatewayLost}: the tickets of a gateway that is gone are dropped without a word
 *   (the master checked its users out; a user who resumes elsewhere asks again).</li>
 * </ul>
 * Not thread safe: one thread drives it.
 */
public final class MatchmakerService
{
    /** Longest party this service accepts, the partition's own limit being the queue's. */
    public static final int MAX_MEMBERS = 32;

    private static final int HEADER = MessageHeaderEncoder.ENCODED_LENGTH;

    private final MasterPort master;
    private final GatewayPort gateways;
    private final Int2ObjectHashMap<Partition> partitions = new Int2ObjectHashMap<>();
    private final Long2ObjectHashMap<Ticket> tickets = new Long2ObjectHashMap<>();
    private final Long2LongHashMap ticketOfUser = new Long2LongHashMap(0);
    private final Long2ObjectHashMap<PendingMatch> pending = new Long2ObjectHashMap<>();
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(1024);
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final AddTicketEncoder addTicket = new AddTicketEncoder();
    private final CancelTicketEncoder cancelTicket = new CancelTicketEncoder();
    private final TickEncoder tick = new TickEncoder();
    private final long[] seatScratch = new long[QueueRules.MAX_PLAYERS_PER_MATCH];
    private final long[] matchedScratch = new long[QueueRules.MAX_PLAYERS_PER_MATCH];
    private final short[] teamScratch = new short[QueueRules.MAX_PLAYERS_PER_MATCH];
    private long nextTicketId = 1;
    private long nextMatchId = 1;

    /**
     * @param queues   the queues served, each with one partition over {@code [lower, upper)}.
     * @param lower    lowest rating taken.
     * @param upper    ratings from here on are refused.
     * @param master   where matches go to be seated.
     * @param gateways where ticket ends are told.
     */
    public MatchmakerService(
        final List<Queue> queues,
        final int lower,
        final int upper,
        final MasterPort master,
        final GatewayPort gateways)
    {
        this.master = master;
        this.gateways = gateways;
        for (final Queue queue : queues)
        {
            if (partitions.containsKey(queue.queueId()))
            {
                throw new IllegalArgumentException("queue " + queue.queueId() + " given twice");
            }
            partitions.put(queue.queueId(), new Partition(queue, lower, upper));
        }
    }

    /**
     * @return tickets waiting in a partition or in a match the master has not answered yet.
     */
    public int openTickets()
    {
        return tickets.size();
    }

    /**
     * @return matches sent to the master and not answered yet.
     */
    public int pendingMatches()
    {
        return pending.size();
    }

    /**
     * @param queueId a queue.
     * @return tickets waiting in its partition, or -1 for a queue this service does not serve.
     */
    public int waiting(final int queueId)
    {
        final Partition partition = partitions.get(queueId);
        return partition == null ? -1 : partition.engine.ticketCount();
    }

    /**
     * A gateway asks for a match for one player or a party.
     *
     * @param gatewayId   the gateway holding the players' sessions.
     * @param queueId     the queue.
     * @param region      where the players are.
     * @param createdTime when the ticket began waiting (kept when a gateway submits it again).
     * @param userIds     the members, the one who asked first; only the first {@code count} are read.
     * @param ratings     their ratings.
     * @param count       how many members.
     * @return {@link MatchmakerCode#OK} when accepted (it then ends exactly once through the
     * {@link GatewayPort}, possibly already during this call), else why not; nothing changed.
     */
    public MatchmakerCode onFindMatch(
        final long gatewayId,
        final int queueId,
        final int region,
        final long createdTime,
        final long[] userIds,
        final int[] ratings,
        final int count)
    {
        final Partition partition = partitions.get(queueId);
        if (partition == null)
        {
            return MatchmakerCode.UNKNOWN_QUEUE;
        }
        if (gatewayId == 0 || count < 1 || count > MAX_MEMBERS)
        {
            return count < 1 ? MatchmakerCode.EMPTY_PARTY : MatchmakerCode.INVALID_VALUE;
        }
        for (int i = 0; i < count; i++)
        {
            if (ticketOfUser.get(userIds[i]) != 0)
            {
                return MatchmakerCode.USER_ALREADY_WAITING;
            }
        }
        final Ticket ticket = new Ticket(nextTicketId, gatewayId, queueId, region, createdTime, userIds, ratings, count);
        tickets.put(ticket.id, ticket);
        for (int i = 0; i < count; i++)
        {
            ticketOfUser.put(userIds[i], ticket.id);
        }
        final MatchmakerCode code = partition.add(ticket);
        if (code != MatchmakerCode.OK)
        {
            forget(ticket);
            return code;
        }
        nextTicketId++;
        return MatchmakerCode.OK;
    }

    /**
     * A gateway cancels the ticket a user asked for.
     *
     * @param gatewayId the gateway.
     * @param userId    who asked for it.
     * @return {@link MatchmakerCode#OK} when cancelled (ended {@link TicketEnd#CANCELLED} through
     * the port), {@link MatchmakerCode#UNKNOWN_TICKET} when the user has none here (or it is
     * another gateway's), {@link MatchmakerCode#MATCH_BEING_SEATED} when it is in a match the
     * master is seating.
     */
    public MatchmakerCode onCancelMatch(final long gatewayId, final long userId)
    {
        final Ticket ticket = tickets.get(ticketOfUser.get(userId));
        if (ticket == null || ticket.gatewayId != gatewayId || ticket.userIds[0] != userId)
        {
            return MatchmakerCode.UNKNOWN_TICKET;
        }
        if (ticket.matchId != 0)
        {
            return MatchmakerCode.MATCH_BEING_SEATED;
        }
        partitions.get(ticket.queueId).cancel(ticket);
        return MatchmakerCode.OK;
    }

    /**
     * Time passes in every partition.
     *
     * @param now the matchmaker's clock, milliseconds; a time earlier than the last is ignored.
     */
    public void onTick(final long now)
    {
        for (final Partition partition : partitions.values())
        {
            partition.tick(now);
        }
    }

    /**
     * The master seated a match: its tickets end {@link TicketEnd#MATCHED}.
     *
     * @param matchId    the match.
     * @param instanceId the instance the players were seated in.
     */
    public void onMatchSeated(final long matchId, final long instanceId)
    {
        final PendingMatch match = pending.remove(matchId);
        if (match == null)
        {
            return;
        }
        for (final Ticket ticket : match.tickets)
        {
            end(ticket, TicketEnd.MATCHED, instanceId);
        }
    }

    /**
     * The master did not seat a match.
     *
     * @param matchId          the match.
     * @param unavailableMask  bit i set when the i-th player of the match (seat order) was not
     *                         free; 0 when the refusal was for another reason.
     */
    public void onMatchRefused(final long matchId, final long unavailableMask)
    {
        final PendingMatch match = pending.remove(matchId);
        if (match == null)
        {
            return;
        }
        for (final Ticket ticket : match.tickets)
        {
            ticket.matchId = 0;
        }
        if (unavailableMask == 0)
        {
            for (final Ticket ticket : match.tickets)
            {
                end(ticket, TicketEnd.NOT_SEATED, 0);
            }
            return;
        }
        for (final Ticket ticket : match.tickets)
        {
            if (holdsAny(ticket, match, unavailableMask))
            {
                end(ticket, TicketEnd.PLAYER_UNAVAILABLE, 0);
            }
        }
        for (final Ticket ticket : match.tickets)
        {
            if (tickets.get(ticket.id) == ticket && partitions.get(ticket.queueId).add(ticket) != MatchmakerCode.OK)
            {
                end(ticket, TicketEnd.DROPPED, 0);
            }
        }
    }

    /**
     * A gateway is gone: its tickets are dropped without a word (its users were checked out).
     * Tickets of it in a match being seated end when the master answers.
     *
     * @param gatewayId the gateway.
     */
    public void onGatewayLost(final long gatewayId)
    {
        final List<Ticket> lost = new ArrayList<>();
        for (final Ticket ticket : tickets.values())
        {
            if (ticket.gatewayId == gatewayId && ticket.matchId == 0)
            {
                lost.add(ticket);
            }
        }
        lost.sort((a, b) -> Long.compare(a.id, b.id));
        for (final Ticket ticket : lost)
        {
            partitions.get(ticket.queueId).cancelQuietly(ticket);
        }
    }

    private static boolean holdsAny(final Ticket ticket, final PendingMatch match, final long mask)
    {
        for (int seat = 0; seat < match.playerCount; seat++)
        {
            if ((mask & (1L << seat)) != 0 && ticket.holds(match.players[seat]))
            {
                return true;
            }
        }
        return false;
    }

    private void end(final Ticket ticket, final TicketEnd end, final long instanceId)
    {
        forget(ticket);
        gateways.ticketEnded(ticket.gatewayId, ticket.userIds[0], end, instanceId);
    }

    private void forget(final Ticket ticket)
    {
        tickets.remove(ticket.id);
        for (int i = 0; i < ticket.count; i++)
        {
            if (ticketOfUser.get(ticket.userIds[i]) == ticket.id)
            {
                ticketOfUser.remove(ticket.userIds[i]);
            }
        }
    }

    /** A ticket as the gateway gave it; its id is the service's, unique while it is open. */
    private static final class Ticket
    {
        final long id;
        final long gatewayId;
        final int queueId;
        final int region;
        final long createdTime;
        final long[] userIds;
        final int[] ratings;
        final int count;
        long matchId;

        Ticket(
            final long id,
            final long gatewayId,
            final int queueId,
            final int region,
            final long createdTime,
            final long[] userIds,
            final int[] ratings,
            final int count)
        {
            this.id = id;
            this.gatewayId = gatewayId;
            this.queueId = queueId;
            this.region = region;
            this.createdTime = createdTime;
            this.userIds = Arrays.copyOf(userIds, count);
            this.ratings = Arrays.copyOf(ratings, count);
            this.count = count;
        }

        boolean holds(final long userId)
        {
            for (int i = 0; i < count; i++)
            {
                if (userIds[i] == userId)
                {
                    return true;
                }
            }
            return false;
        }
    }

    /** A match sent to the master: its tickets and its players in seat order. */
    private static final class PendingMatch
    {
        final List<Ticket> tickets = new ArrayList<>();
        final long[] players;
        final int playerCount;

        PendingMatch(final long[] players, final int playerCount)
        {
            this.players = Arrays.copyOf(players, playerCount);
            this.playerCount = playerCount;
        }
    }

    /** One queue's partition and the decoding of what it says. */
    private final class Partition implements PartitionOutput
    {
        private final Queue queue;
        private final PartitionEngine engine;
        private final MessageHeaderDecoder header = new MessageHeaderDecoder();
        private final CommandRefusedDecoder refused = new CommandRefusedDecoder();
        private final MatchFoundDecoder matchFound = new MatchFoundDecoder();
        private final TicketExpiredDecoder expired = new TicketExpiredDecoder();
        private final TicketCancelledDecoder cancelled = new TicketCancelledDecoder();
        private MatchmakerCode lastRefusal;
        private boolean quiet;

        Partition(final Queue queue, final int lower, final int upper)
        {
            this.queue = queue;
            this.engine = new PartitionEngine(
                queue.rules(), new PartitionConfig().queueId(queue.queueId()).lower(lower).upper(upper), this);
        }

        MatchmakerCode add(final Ticket ticket)
        {
            addTicket.wrapAndApplyHeader(buffer, 0, headerEncoder)
                .ticketId(ticket.id)
                .queueId(ticket.queueId)
                .region(ticket.region)
                .createdTime(ticket.createdTime);
            final AddTicketEncoder.MembersEncoder members = addTicket.membersCount(ticket.count);
            for (int i = 0; i < ticket.count; i++)
            {
                members.next().userId(ticket.userIds[i]).rating(ticket.ratings[i]);
            }
            return apply(HEADER + addTicket.encodedLength());
        }

        void cancel(final Ticket ticket)
        {
            cancelTicket.wrapAndApplyHeader(buffer, 0, headerEncoder).ticketId(ticket.id);
            apply(HEADER + cancelTicket.encodedLength());
        }

        void cancelQuietly(final Ticket ticket)
        {
            quiet = true;
            try
            {
                cancel(ticket);
            }
            finally
            {
                quiet = false;
            }
            forget(ticket);
        }

        void tick(final long now)
        {
            if (now >= engine.now())
            {
                tick.wrapAndApplyHeader(buffer, 0, headerEncoder).time(now);
                apply(HEADER + tick.encodedLength());
            }
        }

        private MatchmakerCode apply(final int length)
        {
            lastRefusal = null;
            engine.apply(buffer, 0, length);
            return lastRefusal == null ? MatchmakerCode.OK : lastRefusal;
        }

        public void onMessage(final DirectBuffer message, final int offset, final int length)
        {
            header.wrap(message, offset);
            final int at = offset + HEADER;
            switch (header.templateId())
            {
                case CommandRefusedDecoder.TEMPLATE_ID:
                    lastRefusal = refused.wrap(message, at, header.blockLength(), header.version()).code();
                    break;
                case MatchFoundDecoder.TEMPLATE_ID:
                    onMatch(matchFound.wrap(message, at, header.blockLength(), header.version()));
                    break;
                case TicketExpiredDecoder.TEMPLATE_ID:
                    endFromPartition(expired.wrap(message, at, header.blockLength(), header.version()).ticketId(),
                        TicketEnd.EXPIRED);
                    break;
                case TicketCancelledDecoder.TEMPLATE_ID:
                    endFromPartition(cancelled.wrap(message, at, header.blockLength(), header.version()).ticketId(),
                        TicketEnd.CANCELLED);
                    break;
                default:
                    break;
            }
        }

        private void endFromPartition(final long ticketId, final TicketEnd end)
        {
            final Ticket ticket = tickets.get(ticketId);
            if (ticket != null && !quiet)
            {
                end(ticket, end, 0);
            }
        }

        private void onMatch(final MatchFoundDecoder decoder)
        {
            final MatchFoundDecoder.TicketsDecoder matched = decoder.tickets();
            while (matched.hasNext())
            {
                matched.next();
            }
            final MatchFoundDecoder.PlayersDecoder players = decoder.players();
            int count = 0;
            final int teams = queue.rules().teams();
            final long[] byTeam = matchedScratch;
            final short[] teamOf = teamScratch;
            while (players.hasNext())
            {
                final MatchFoundDecoder.PlayersDecoder player = players.next();
                byTeam[count] = player.userId();
                teamOf[count] = player.team();
                count++;
            }
            int seat = 0;
            for (int team = 0; team < teams; team++)
            {
                for (int i = 0; i < count; i++)
                {
                    if (teamOf[i] == team)
                    {
                        seatScratch[seat++] = byTeam[i];
                    }
                }
            }
            final long matchId = nextMatchId++;
            final PendingMatch match = new PendingMatch(seatScratch, seat);
            for (int i = 0; i < seat; i++)
            {
                final Ticket ticket = tickets.get(ticketOfUser.get(seatScratch[i]));
                if (ticket.matchId != matchId)
                {
                    ticket.matchId = matchId;
                    match.tickets.add(ticket);
                }
            }
            pending.put(matchId, match);
            master.createMatch(matchId, queue.gameType(), queue.mode(), match.tickets.get(0).region, match.players, seat);
        }
    }
}
