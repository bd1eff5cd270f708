package io.gamehall.matchmaker;

import io.gamehall.sbe.matchmaker.snapshot.MessageHeaderDecoder;
import io.gamehall.sbe.matchmaker.snapshot.PartitionSnapshotBeginDecoder;
import io.gamehall.sbe.matchmaker.snapshot.PartitionSnapshotEndDecoder;
import io.gamehall.sbe.matchmaker.snapshot.PartitionStateDecoder;
import io.gamehall.sbe.matchmaker.snapshot.TicketRecordDecoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Loads a snapshot written by {@link PartitionSnapshotWriter} into a fresh engine, one message at
 * a time, and refuses, with a {@link SnapshotException} that says why, one that does not start
 * with its begin marker, was taken under other queue rules or of another queue, holds a ticket
 * that cannot be (a duplicate ticket or user, a bad party, no room), has records out of place,
 * or whose end marker is missing or disagrees with what was loaded (count, state hash).
 * <p>
 * The engine then goes on exactly as the one that wrote the snapshot would have: every ticket
 * counts as tried at its current window, as it was. An engine whose snapshot was refused half
 * way holds part of it: throw it away.
 */
public final class PartitionSnapshotLoader
{
    /** A snapshot that cannot be trusted. */
    public static final class SnapshotException extends RuntimeException
    {
        private static final long serialVersionUID = 1L;

        public SnapshotException(final String message)
        {
            super(message);
        }
    }

    private static final int HEADER = MessageHeaderDecoder.ENCODED_LENGTH;

    private final PartitionEngine engine;
    private final TicketTable tickets;
    private final UnsafeBuffer in = new UnsafeBuffer(0, 0);
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final PartitionSnapshotBeginDecoder begin = new PartitionSnapshotBeginDecoder();
    private final PartitionStateDecoder state = new PartitionStateDecoder();
    private final TicketRecordDecoder ticket = new TicketRecordDecoder();
    private final PartitionSnapshotEndDecoder end = new PartitionSnapshotEndDecoder();
    private boolean begun;
    private boolean stateSeen;
    private boolean ended;
    private int messages;
    private int lastLoaded = TicketTable.NONE;

    /**
     * @param engine a freshly built engine with the rules and the queue of the one that wrote the snapshot.
     */
    public PartitionSnapshotLoader(final PartitionEngine engine)
    {
        if (engine.ticketCount() != 0 || engine.now != 0 || engine.nextMatchId != 1)
        {
            throw new IllegalArgumentException("a snapshot loads only into a fresh engine");
        }
        this.engine = engine;
        tickets = engine.tickets;
    }

    /**
     * @return true once the end marker has been read and checked.
     */
    public boolean isComplete()
    {
        return ended;
    }

    /**
     * Check the snapshot was complete.
     *
     * @throws SnapshotException when the end marker was never read.
     */
    public void finish()
    {
        if (!ended)
        {
            throw new SnapshotException("snapshot incomplete: no end marker after " + messages + " messages");
        }
    }

    /**
     * Load one snapshot message.
     *
     * @throws SnapshotException when the message is not what a sound snapshot has here.
     */
    public void onMessage(final DirectBuffer buffer, final int offset, final int length)
    {
        messages++;
        if (ended)
        {
            throw fail("message after the end marker");
        }
        if (length < HEADER)
        {
            throw fail("truncated message header");
        }
        in.wrap(buffer, offset, length);
        header.wrap(in, 0);
        if (header.schemaId() != MessageHeaderDecoder.SCHEMA_ID)
        {
            throw fail("schema id " + header.schemaId() + " is not the partition snapshot schema " +
                MessageHeaderDecoder.SCHEMA_ID);
        }
        if (header.version() > MessageHeaderDecoder.SCHEMA_VERSION)
        {
            throw fail("snapshot schema version " + header.version() + " is newer than this engine's " +
                MessageHeaderDecoder.SCHEMA_VERSION);
        }
        final int templateId = header.templateId();
        if (!begun && templateId != PartitionSnapshotBeginDecoder.TEMPLATE_ID)
        {
            throw fail("does not start with the begin marker");
        }
        try
        {
            load(templateId, header.blockLength(), header.version());
        }
        catch (final IndexOutOfBoundsException ex)
        {
            throw fail("truncated message, template " + templateId);
        }
    }

    private void load(final int templateId, final int blockLength, final int version)
    {
        switch (templateId)
        {
            case PartitionSnapshotBeginDecoder.TEMPLATE_ID:
                if (begun)
                {
                    throw fail("second begin marker");
                }
                begin.wrap(in, HEADER, blockLength, version);
                if (begin.magic() != PartitionSnapshotWriter.MAGIC)
                {
                    throw fail("bad magic: not a matchmaker partition snapshot");
                }
                if (begin.formatVersion() != PartitionSnapshotWriter.FORMAT_VERSION)
                {
                    throw fail("unsupported snapshot format " + begin.formatVersion());
                }
                begun = true;
                break;

            case PartitionStateDecoder.TEMPLATE_ID:
                if (stateSeen)
                {
                    throw fail("second state record");
                }
                loadState(state.wrap(in, HEADER, blockLength, version));
                stateSeen = true;
                break;

            case TicketRecordDecoder.TEMPLATE_ID:
                requireState();
                loadTicket(ticket.wrap(in, HEADER, blockLength, version));
                break;

            case PartitionSnapshotEndDecoder.TEMPLATE_ID:
                requireState();
                end.wrap(in, HEADER, blockLength, version);
                engine.indexAll();
                if (end.ticketCount() != tickets.size())
                {
                    throw fail("end marker counts " + end.ticketCount() + " tickets, " + tickets.size() + " loaded");
                }
                final long hash = engine.stateHash();
                if (end.stateHash() != hash)
                {
                    throw fail("state hash " + Long.toHexString(hash) + " after loading, the snapshot recorded " +
                        Long.toHexString(end.stateHash()));
                }
                ended = true;
                break;

            default:
                throw fail("unknown snapshot template " + templateId);
        }
    }

    private void loadState(final PartitionStateDecoder d)
    {
        if (d.queueId() != engine.queueId)
        {
            throw fail("snapshot of queue " + d.queueId() + ", this partition serves queue " + engine.queueId);
        }
        final QueueRules recorded = new QueueRules()
            .playersPerMatch(d.playersPerMatch())
            .teams(d.teams())
            .teamSize(d.teamSize())
            .maxPartySize(d.maxPartySize())
            .initialWindow(d.initialWindow())
            .widenBy(d.widenBy())
            .widenEveryMs(d.widenEveryMs())
            .maxWindow(d.maxWindow())
            .maxWaitMs(d.maxWaitMs())
            .regionStrict(d.regionStrictRaw() == 1);
        try
        {
            recorded.conclude();
        }
        catch (final IllegalArgumentException ex)
        {
            throw fail("snapshot holds bad " + ex.getMessage());
        }
        if (!recorded.sameAs(engine.rules))
        {
            throw fail("snapshot taken under other rules: " + recorded + ", this partition runs " + engine.rules);
        }
        final long now = d.now();
        if (now < 0 || now > PartitionEngine.MAX_TIME || d.nextMatchId() < 1 || d.lower() > d.upper())
        {
            throw fail("bad state: now " + now + ", next match id " + d.nextMatchId() + ", range [" + d.lower() + ", " +
                d.upper() + ")");
        }
        engine.lower = d.lower();
        engine.upper = d.upper();
        engine.now = now;
        engine.nextMatchId = d.nextMatchId();
    }

    private void loadTicket(final TicketRecordDecoder d)
    {
        final long ticketId = d.ticketId();
        final int region = d.region();
        final long created = d.createdTime();
        final TicketRecordDecoder.MembersDecoder members = d.members();
        final int count = members.count();
        if (ticketId <= 0 || created < 0 || created > PartitionEngine.MAX_TIME)
        {
            throw fail("ticket " + ticketId + " created at " + created);
        }
        if (tickets.slotOfTicket(ticketId) != TicketTable.NONE)
        {
            throw fail("ticket " + ticketId + " twice");
        }
        if (count < 1 || count > engine.rules.maxPartySize())
        {
            throw fail("ticket " + ticketId + " has " + count + " members");
        }
        if (tickets.isFull())
        {
            throw fail("more tickets than this partition holds (" + tickets.capacity + ")");
        }
        if (!engine.indexes.hasRoomFor(region))
        {
            throw fail("more regions than this partition holds");
        }
        final int slot = tickets.claim();
        tickets.write(slot, ticketId, created, region);
        for (int i = 0; i < count; i++)
        {
            members.next();
            final long userId = members.userId();
            final int rating = members.rating();
            if (userId <= 0 || tickets.slotOfUser(userId) != TicketTable.NONE)
            {
                tickets.release(slot);
                throw fail("ticket " + ticketId + " has user " + userId + ", which is not valid or waits twice");
            }
            for (int j = 0; j < i; j++)
            {
                if (tickets.memberUser(slot, j) == userId)
                {
                    tickets.release(slot);
                    throw fail("ticket " + ticketId + " lists user " + userId + " twice");
                }
            }
            tickets.putMember(slot, userId, rating);
        }
        if (engine.waiting.oldest() != TicketTable.NONE && !isAfterLast(slot))
        {
            tickets.release(slot);
            throw fail("ticket " + ticketId + " out of waiting order");
        }
        tickets.attemptStep(slot, engine.rules.step(engine.now - created));
        tickets.register(slot);
        engine.waiting.insert(slot, engine.now);
        lastLoaded = slot;
    }

    private boolean isAfterLast(final int slot)
    {
        return lastLoaded != TicketTable.NONE && tickets.waitingBefore(lastLoaded, slot);
    }

    private void requireState()
    {
        if (!stateSeen)
        {
            throw fail("record before the state record");
        }
    }

    private SnapshotException fail(final String reason)
    {
        return new SnapshotException("partition snapshot refused at message " + messages + ": " + reason);
    }
}
