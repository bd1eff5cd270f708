package io.gamehall.perf.matchmaker;

import io.gamehall.matchmaker.PartitionConfig;
import io.gamehall.matchmaker.PartitionEngine;
import io.gamehall.matchmaker.QueueRules;
import io.gamehall.sbe.matchmaker.AddTicketEncoder;
import io.gamehall.sbe.matchmaker.CancelTicketEncoder;
import io.gamehall.sbe.matchmaker.CommandRefusedEncoder;
import io.gamehall.sbe.matchmaker.MatchFoundEncoder;
import io.gamehall.sbe.matchmaker.MessageHeaderEncoder;
import io.gamehall.sbe.matchmaker.TickEncoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;

/**
 * A 1v1 partition holding {@value #WAITING} waiting tickets and a cyclic mix of commands that
 * keeps it at that size, one command per {@link #step()}:
 * <ol>
 *     <li>AddTicket rated {@code 4p + 1}: matched at once with the ticket waiting at {@code 4p};</li>
 *     <li>AddTicket rated {@code 4p}: waits, in the place of the one just matched;</li>
 *     <li>AddTicket rated {@code 4q + 2}: waits (2 from its neighbours, outside the windows);</li>
 *     <li>CancelTicket of that ticket;</li>
 * </ol>
 * and every 16 cycles a Tick, 1 ms later. The waiting tickets are rated 0, 4, 8, ... (window
 * 1, widening to 2 after 60 s: they never match each other), {@code p} walks them in a
 * scattered order (stride 7,919) and {@code q} half way round from it, so commands land all over
 * the index, as ratings do. Tickets re-added at {@code 4p} widen 60 s (of engine time) after
 * they came, so ticks also retry tickets. Commands are encoded as they are applied, into one
 * reused buffer; the output counts messages by kind without allocating.
 */
final class PartitionWorkload
{
    /** Tickets waiting all along. */
    static final int WAITING = 100_000;

    private static final int QUEUE = 1;
    private static final int STRIDE = 7_919;
    private static final int HEADER = MessageHeaderEncoder.ENCODED_LENGTH;

    private final PartitionEngine engine;
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final AddTicketEncoder addTicket = new AddTicketEncoder();
    private final CancelTicketEncoder cancelTicket = new CancelTicketEncoder();
    private final TickEncoder tick = new TickEncoder();
    private long nextTicketId = 1;
    private long nextUserId = 1;
    private long now = 1_000;
    private long cycle;
    private int phase;
    private int p;
    private long waitingTicket;
    private long matches;
    private long refusals;
    private long commands;
    private long messages;

    private PartitionWorkload()
    {
        final QueueRules rules = new QueueRules().playersPerMatch(2).teams(2).teamSize(1)
            .initialWindow(1).widenBy(1).widenEveryMs(60_000).maxWindow(2).maxWaitMs(3_600_000);
        final PartitionConfig config = new PartitionConfig().queueId(QUEUE).lower(0).upper(4 * WAITING)
            .maxTickets(WAITING + 1_024).ratingBuckets(1 << 19);
        engine = new PartitionEngine(rules, config, this::onMessage);
    }

    /**
     * Fill the partition and check that a few cycles do what they should.
     *
     * @return the workload, at the start of a cycle.
     * @throws IllegalStateException when the set-up is not what this class says.
     */
    static PartitionWorkload prepare()
    {
        final PartitionWorkload workload = new PartitionWorkload();
        workload.tick();
        for (int i = 0; i < WAITING; i++)
        {
            workload.add(4 * i);
        }
        require(workload.engine.ticketCount() == WAITING && workload.matches == 0,
            "the partition holds " + workload.engine.ticketCount() + " tickets after the set-up");
        for (int i = 0; i < 4 * 1_024; i++)
        {
            workload.step();
        }
        workload.requireSteady();
        return workload;
    }

    /**
     * Apply the next command of the mix.
     */
    void step()
    {
        switch (phase)
        {
            case 0:
                p = (int)((cycle * STRIDE) % WAITING);
                add(4 * p + 1);
                phase = 1;
                break;
            case 1:
                add(4 * p);
                phase = 2;
                break;
            case 2:
                waitingTicket = nextTicketId;
                add(4 * ((p + WAITING / 2) % WAITING) + 2);
                phase = 3;
                break;
            case 3:
                engine.apply(buffer, 0, HEADER + cancelTicket.wrapAndApplyHeader(buffer, 0, header)
                    .ticketId(waitingTicket).encodedLength());
                commands++;
                cycle++;
                phase = (cycle & 15) == 0 ? 4 : 0;
                break;
            default:
                now++;
                tick();
                phase = 0;
        }
    }

    /**
     * @throws IllegalStateException unless every command was taken, every cycle made one match and
     *     the partition holds what it held.
     */
    void requireSteady()
    {
        require(refusals == 0, refusals + " commands refused");
        final boolean midCycle = phase >= 1 && phase <= 3;
        require(matches == cycle + (midCycle ? 1 : 0), matches + " matches in " + cycle + " cycles (phase " + phase + ")");
        final int expected = WAITING + (phase == 1 ? -1 : phase == 3 ? 1 : 0);
        require(engine.ticketCount() == expected,
            engine.ticketCount() + " tickets waiting, " + expected + " expected (phase " + phase + ")");
    }

    /**
     * @return commands applied.
     */
    long commands()
    {
        return commands;
    }

    /**
     * @return messages the engine said.
     */
    long messages()
    {
        return messages;
    }

    private void add(final int rating)
    {
        addTicket.wrapAndApplyHeader(buffer, 0, header)
            .ticketId(nextTicketId++)
            .queueId(QUEUE)
            .region(0)
            .createdTime(now)
            .membersCount(1).next().userId(nextUserId++).rating(rating);
        engine.apply(buffer, 0, HEADER + addTicket.encodedLength());
        commands++;
    }

    private void tick()
    {
        engine.apply(buffer, 0, HEADER + tick.wrapAndApplyHeader(buffer, 0, header).time(now).encodedLength());
        commands++;
    }

    private void onMessage(final DirectBuffer message, final int offset, final int length)
    {
        messages++;
        final int template = message.getShort(offset + 2, ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
        if (template == MatchFoundEncoder.TEMPLATE_ID)
        {
            matches++;
        }
        else if (template == CommandRefusedEncoder.TEMPLATE_ID)
        {
            refusals++;
        }
    }

    private static void require(final boolean condition, final String what)
    {
        if (!condition)
        {
            throw new IllegalStateException("partition workload: " + what);
        }
    }
}
