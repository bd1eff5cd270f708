package io.gamehall.matchmaker;

import io.gamehall.sbe.matchmaker.AddTicketDecoder;
import io.gamehall.sbe.matchmaker.CancelTicketDecoder;
import io.gamehall.sbe.matchmaker.ExtendRangeDecoder;
import io.gamehall.sbe.matchmaker.MatchmakerCode;
import io.gamehall.sbe.matchmaker.MessageHeaderDecoder;
import io.gamehall.sbe.matchmaker.SplitMode;
import io.gamehall.sbe.matchmaker.SplitRangeDecoder;
import io.gamehall.sbe.matchmaker.TickDecoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;

/**
 * One partition of the matchmaker: the waiting tickets of one rating range {@code [lower, upper)}
 * of one queue, and the matches made from them. A deterministic, single-threaded state machine
 * like the master engine: SBE commands of {@code matchmaker-protocol.xml} in through
 * {@link #apply(DirectBuffer, int, int)}, SBE messages out through the {@link PartitionOutput}.
 * <p>
 * Time is only what {@code Tick} commands say; there is no clock, no randomness and no
 * iteration whose order the commands did not decide, so two engines fed the same commands say
 * the same things and have the same {@link #stateHash()}. A command that is refused gets one
 * {@code CommandRefused} with a {@link MatchmakerCode} and changes nothing; nothing throws out of
 * {@code apply}.
 * <p>
 * A ticket is tried for a match when it arrives and again each time its window widens (on the
 * tick that widens it), the longest waiting first; it leaves exactly once: in a
 * {@code MatchFound}, a {@code TicketCancelled}, a {@code TicketExpired} or a
 * {@code TicketHandedOver}. The rules of matching are in {@link GroupFinder} and
 * {@link TeamBalancer}, and in {@code docs/matchmaker.md}.
 * <p>
 * Steady state allocates nothing: tickets live in preallocated arrays ({@link TicketTable}),
 * ordered by rating per region ({@link RatingIndexes}) and by waiting time
 * ({@link WaitingOrder}). Not thread safe: one thread drives an engine.
 */
public final class PartitionEngine
{
    /** Schema id of the commands this engine reads. */
    public static final int SCHEMA_ID = MessageHeaderDecoder.SCHEMA_ID;
    /** Schema version this engine writes; it reads this one, older ones and the next. */
    public static final int SCHEMA_VERSION = MessageHeaderDecoder.SCHEMA_VERSION;
    /** Latest time a command may carry, milliseconds: about 285,000 years after 1970. */
    public static final long MAX_TIME = 1L << 53;

    private static final int HEADER = MessageHeaderDecoder.ENCODED_LENGTH;
    private static final int NONE = TicketTable.NONE;

    final QueueRules rules;
    final PartitionConfig config;
    final TicketTable tickets;
    final RatingIndexes indexes;
    final WaitingOrder waiting;
    final int queueId;
    int lower;
    int upper;
    long now;
    long nextMatchId = 1;

    private final TeamBalancer balancer;
    private final GroupFinder finder;
    private final PartitionPublisher publisher;
    private final long[] memberScratch;
    private final int[] ratingScratch;
    private int command;
    private long commandTicketId;

    private final UnsafeBuffer in = new UnsafeBuffer(0, 0);
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final AddTicketDecoder addTicket = new AddTicketDecoder();
    private final CancelTicketDecoder cancelTicket = new CancelTicketDecoder();
    private final TickDecoder tick = new TickDecoder();
    private final SplitRangeDecoder splitRange = new SplitRangeDecoder();
    private final ExtendRangeDecoder extendRange = new ExtendRangeDecoder();

    /**
     * @param rules  the queue's rules; concluded here.
     * @param config the partition: queue, range, sizes; concluded here.
     * @param output where everything the engine says goes.
     */
    public PartitionEngine(final QueueRules rules, final PartitionConfig config, final PartitionOutput output)
    {
        this.rules = rules.conclude();
        this.config = config.conclude();
        queueId = config.queueId();
        lower = config.lower();
        upper = config.upper();
        tickets = new TicketTable(config.maxTickets(), rules.maxPartySize());
        indexes = new RatingIndexes(tickets, rules.regionStrict(), config.maxRegions(), config.ratingBuckets());
        indexes.cover(lower, upper);
        waiting = new WaitingOrder(tickets, rules);
        balancer = new TeamBalancer(rules.teams(), rules.teamSize());
        finder = new GroupFinder(tickets, indexes, rules, balancer, config.scanLimit());
        publisher = new PartitionPublisher(output, tickets);
        memberScratch = new long[rules.maxPartySize()];
        ratingScratch = new int[rules.maxPartySize()];
    }

    public QueueRules rules()
    {
        return rules;
    }

    public PartitionConfig config()
    {
        return config;
    }

    public int queueId()
    {
        return queueId;
    }

    /**
     * @return lowest rating of a new ticket taken.
     */
    public int lower()
    {
        return lower;
    }

    /**
     * @return first rating above the new tickets taken.
     */
    public int upper()
    {
        return upper;
    }

    /**
     * @return time of the last tick, 0 before the first.
     */
    public long now()
    {
        return now;
    }

    /**
     * @return tickets waiting.
     */
    public int ticketCount()
    {
        return tickets.size();
    }

    /**
     * @return whether a ticket is waiting here.
     */
    public boolean isWaiting(final long ticketId)
    {
        return tickets.slotOfTicket(ticketId) != NONE;
    }

    /**
     * @return whether a user is in a ticket waiting here.
     */
    public boolean isUserWaiting(final long userId)
    {
        return tickets.slotOfUser(userId) != NONE;
    }

    /**
     * @return 64-bit hash of the whole state; equal states hash equal on every JVM.
     */
    public long stateHash()
    {
        return PartitionStateHash.of(this);
    }

    /**
     * Apply one command.
     *
     * @param buffer holding the command, SBE header first.
     * @param offset where it starts.
     * @param length its length.
     */
    public void apply(final DirectBuffer buffer, final int offset, final int length)
    {
        command = 0;
        commandTicketId = 0;
        if (length < HEADER)
        {
            refuse(MatchmakerCode.MALFORMED_MESSAGE);
            return;
        }
        in.wrap(buffer, offset, length);
        header.wrap(in, 0);
        command = header.templateId();
        if ((command == AddTicketDecoder.TEMPLATE_ID || command == CancelTicketDecoder.TEMPLATE_ID) &&
            length >= HEADER + Long.BYTES)
        {
            commandTicketId = in.getLong(HEADER, ByteOrder.LITTLE_ENDIAN);
        }
        if (header.schemaId() != SCHEMA_ID)
        {
            refuse(MatchmakerCode.UNKNOWN_SCHEMA);
            return;
        }
        final int version = header.version();
        if (version < 1 || version > SCHEMA_VERSION + 1)
        {
            refuse(MatchmakerCode.UNSUPPORTED_VERSION);
            return;
        }
        try
        {
            dispatch(header.blockLength(), version, length);
        }
        catch (final IndexOutOfBoundsException ex)
        {
            refuse(MatchmakerCode.MALFORMED_MESSAGE);
        }
    }

    private void dispatch(final int blockLength, final int version, final int length)
    {
        switch (command)
        {
            case AddTicketDecoder.TEMPLATE_ID:
                if (block(AddTicketDecoder.BLOCK_LENGTH, blockLength, length))
                {
                    onAddTicket(addTicket.wrap(in, HEADER, blockLength, version));
                }
                break;

            case CancelTicketDecoder.TEMPLATE_ID:
                if (block(CancelTicketDecoder.BLOCK_LENGTH, blockLength, length))
                {
                    onCancelTicket(cancelTicket.wrap(in, HEADER, blockLength, version).ticketId());
                }
                break;

            case TickDecoder.TEMPLATE_ID:
                if (block(TickDecoder.BLOCK_LENGTH, blockLength, length))
                {
                    onTick(tick.wrap(in, HEADER, blockLength, version).time());
                }
                break;

            case SplitRangeDecoder.TEMPLATE_ID:
                if (block(SplitRangeDecoder.BLOCK_LENGTH, blockLength, length))
                {
                    splitRange.wrap(in, HEADER, blockLength, version);
                    onSplitRange(splitRange.splitAt(), splitRange.modeRaw());
                }
                break;

            case ExtendRangeDecoder.TEMPLATE_ID:
                if (block(ExtendRangeDecoder.BLOCK_LENGTH, blockLength, length))
                {
                    extendRange.wrap(in, HEADER, blockLength, version);
                    onExtendRange(extendRange.lower(), extendRange.upper());
                }
                break;

            default:
                refuse(MatchmakerCode.UNKNOWN_TEMPLATE);
        }
    }

    private boolean block(final int expected, final int actual, final int length)
    {
        if (actual < expected)
        {
            refuse(MatchmakerCode.BAD_BLOCK_LENGTH);
            return false;
        }
        if (HEADER + actual > length)
        {
            refuse(MatchmakerCode.MALFORMED_MESSAGE);
            return false;
        }
        return true;
    }

    private void refuse(final MatchmakerCode code)
    {
        publisher.refused(command, commandTicketId, code);
    }

    // ------------------------------------------------------------------ tickets

    private void onAddTicket(final AddTicketDecoder d)
    {
        final long ticketId = d.ticketId();
        final int queue = d.queueId();
        final int region = d.region();
        final long createdTime = d.createdTime();
        final AddTicketDecoder.MembersDecoder members = d.members();
        final int count = members.count();

        if (queue != queueId)
        {
            refuse(MatchmakerCode.UNKNOWN_QUEUE);
            return;
        }
        if (ticketId <= 0 || createdTime < 0 || createdTime > MAX_TIME)
        {
            refuse(MatchmakerCode.INVALID_VALUE);
            return;
        }
        if (count == 0)
        {
            refuse(MatchmakerCode.EMPTY_PARTY);
            return;
        }
        if (count > rules.maxPartySize())
        {
            refuse(MatchmakerCode.PARTY_TOO_LARGE);
            return;
        }
        long sum = 0;
        for (int i = 0; i < count; i++)
        {
            members.next();
            memberScratch[i] = members.userId();
            ratingScratch[i] = members.rating();
            sum += ratingScratch[i];
        }
        for (int i = 0; i < count; i++)
        {
            if (memberScratch[i] <= 0)
            {
                refuse(MatchmakerCode.INVALID_VALUE);
                return;
            }
            for (int j = 0; j < i; j++)
            {
                if (memberScratch[j] == memberScratch[i])
                {
                    refuse(MatchmakerCode.DUPLICATE_PARTY_MEMBER);
                    return;
                }
            }
        }
        final long rating = Math.floorDiv(sum, (long)count);
        if (rating < lower || rating >= upper)
        {
            refuse(MatchmakerCode.RATING_OUT_OF_RANGE);
            return;
        }
        if (tickets.slotOfTicket(ticketId) != NONE)
        {
            refuse(MatchmakerCode.DUPLICATE_TICKET);
            return;
        }
        for (int i = 0; i < count; i++)
        {
            if (tickets.slotOfUser(memberScratch[i]) != NONE)
            {
                refuse(MatchmakerCode.USER_ALREADY_WAITING);
                return;
            }
        }

        final int slot = tickets.claim();
        tickets.write(slot, ticketId, createdTime, region);
        for (int i = 0; i < count; i++)
        {
            tickets.putMember(slot, memberScratch[i], ratingScratch[i]);
        }
        if (createdTime + rules.maxWaitMs() <= now)
        {
            publisher.expired(slot, queueId, now);
            tickets.release(slot);
            return;
        }
        final int step = rules.step(now - createdTime);
        tickets.attemptStep(slot, step);
        if (finder.find(slot, rules.windowAtStep(step), now))
        {
            publishMatch(slot);
            return;
        }
        if (tickets.isSpare(slot))
        {
            tickets.release(slot);
            refuse(MatchmakerCode.PARTITION_FULL);
            return;
        }
        if (!indexes.hasRoomFor(region))
        {
            tickets.release(slot);
            refuse(MatchmakerCode.TOO_MANY_REGIONS);
            return;
        }
        startWaiting(slot);
    }

    private void onCancelTicket(final long ticketId)
    {
        if (ticketId <= 0)
        {
            refuse(MatchmakerCode.INVALID_VALUE);
            return;
        }
        final int slot = tickets.slotOfTicket(ticketId);
        if (slot == NONE)
        {
            refuse(MatchmakerCode.UNKNOWN_TICKET);
            return;
        }
        publisher.cancelled(slot, queueId, now);
        stopWaiting(slot);
    }

    private void onTick(final long time)
    {
        if (time < 0 || time > MAX_TIME)
        {
            refuse(MatchmakerCode.INVALID_VALUE);
            return;
        }
        if (time < now)
        {
            refuse(MatchmakerCode.TIME_WENT_BACKWARDS);
            return;
        }
        now = time;

        final long maxWait = rules.maxWaitMs();
        for (int s = waiting.oldest(); s != NONE && tickets.created(s) + maxWait <= time; s = waiting.oldest())
        {
            publisher.expired(s, queueId, time);
            stopWaiting(s);
        }

        final long widenEvery = rules.widenEveryMs();
        for (int k = rules.wideningSteps(); k >= 1; k--)
        {
            final long reached = time - k * widenEvery;
            for (int s = waiting.cursor(k); s != NONE && tickets.created(s) <= reached; s = waiting.cursor(k))
            {
                waiting.advance(k);
                retry(s);
            }
        }
    }

    /**
     * Try a waiting ticket again if its window widened since it was last tried.
     */
    private void retry(final int slot)
    {
        final int step = rules.step(now - tickets.created(slot));
        if (tickets.attemptStep(slot) >= step)
        {
            return;
        }
        tickets.attemptStep(slot, step);
        if (finder.find(slot, rules.windowAtStep(step), now))
        {
            publishMatch(NONE);
        }
    }

    /**
     * Say the match the finder found and end its tickets.
     *
     * @param arriving the slot of a ticket being added (it never waited), or NONE.
     */
    private void publishMatch(final int arriving)
    {
        publisher.matchFound(nextMatchId++, queueId, now, finder);
        for (int i = 0; i < finder.count(); i++)
        {
            final int slot = finder.member(i);
            if (slot == arriving)
            {
                tickets.release(slot);
            }
            else
            {
                stopWaiting(slot);
            }
        }
    }

    private void startWaiting(final int slot)
    {
        tickets.register(slot);
        indexes.insert(slot);
        waiting.insert(slot, now);
    }

    private void stopWaiting(final int slot)
    {
        indexes.remove(slot);
        waiting.remove(slot);
        tickets.unregister(slot);
        tickets.release(slot);
    }

    // ------------------------------------------------------------------ ranges

    private void onSplitRange(final int splitAt, final short modeRaw)
    {
        final boolean handOver;
        if (modeRaw == SplitMode.HAND_OVER.value())
        {
            handOver = true;
        }
        else if (modeRaw == SplitMode.KEEP.value())
        {
            handOver = false;
        }
        else
        {
            refuse(MatchmakerCode.INVALID_VALUE);
            return;
        }
        if (splitAt < lower || splitAt >= upper)
        {
            refuse(MatchmakerCode.INVALID_RANGE);
            return;
        }
        int moved = 0;
        if (handOver)
        {
            int s = waiting.oldest();
            while (s != NONE)
            {
                final int next = waiting.next(s);
                if (tickets.rating(s) >= splitAt)
                {
                    publisher.handedOver(s, queueId);
                    stopWaiting(s);
                    moved++;
                }
                s = next;
            }
        }
        upper = splitAt;
        publisher.rangeChanged(queueId, lower, upper, moved, tickets.size());
    }

    private void onExtendRange(final int newLower, final int newUpper)
    {
        if (newLower >= newUpper || newLower > lower || newUpper < upper)
        {
            refuse(MatchmakerCode.INVALID_RANGE);
            return;
        }
        lower = newLower;
        upper = newUpper;
        if (!indexes.covers(newLower) || !indexes.covers(newUpper - 1))
        {
            reindex();
        }
        publisher.rangeChanged(queueId, lower, upper, 0, tickets.size());
    }

    /**
     * Take every waiting ticket out of the rating indexes and {@link #indexAll() index them} again.
     */
    private void reindex()
    {
        for (int s = waiting.oldest(); s != NONE; s = waiting.next(s))
        {
            indexes.remove(s);
        }
        indexAll();
    }

    /**
     * Base the rating indexes on the range and the waiting tickets' ratings, then put every
     * waiting ticket in its index; the indexes must be empty.
     */
    void indexAll()
    {
        long low = lower;
        long high = upper;
        for (int s = waiting.oldest(); s != NONE; s = waiting.next(s))
        {
            low = Math.min(low, tickets.rating(s));
            high = Math.max(high, tickets.rating(s) + 1L);
        }
        indexes.cover((int)low, (int)high);
        for (int s = waiting.oldest(); s != NONE; s = waiting.next(s))
        {
            indexes.insert(s);
        }
    }
}
