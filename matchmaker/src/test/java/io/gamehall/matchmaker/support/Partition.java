package io.gamehall.matchmaker.support;

import io.gamehall.matchmaker.PartitionConfig;
import io.gamehall.matchmaker.PartitionEngine;
import io.gamehall.matchmaker.PartitionSnapshotLoader;
import io.gamehall.matchmaker.PartitionSnapshotWriter;
import io.gamehall.matchmaker.QueueRules;
import io.gamehall.sbe.matchmaker.SplitMode;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.List;

/**
 * An engine with its recorder and a command encoder: commands by value, each returning what the
 * engine said to it as text lines.
 */
public final class Partition
{
    private final QueueRules rules;
    private final PartitionConfig config;
    private final Recorder recorder = new Recorder();
    private final PartitionEngine engine;
    private final Commands commands = new Commands();
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(1024);

    /**
     * @param rules  queue rules (not concluded: each partition concludes a copy it is given).
     * @param config partition config.
     */
    public Partition(final QueueRules rules, final PartitionConfig config)
    {
        this.rules = rules;
        this.config = config;
        engine = new PartitionEngine(rules, config, recorder);
    }

    private Partition(final QueueRules rules, final PartitionConfig config, final List<byte[]> snapshot)
    {
        this(rules, config);
        final PartitionSnapshotLoader loader = new PartitionSnapshotLoader(engine);
        for (final byte[] message : snapshot)
        {
            loader.onMessage(new UnsafeBuffer(message), 0, message.length);
        }
        loader.finish();
    }

    public PartitionEngine engine()
    {
        return engine;
    }

    public Recorder recorder()
    {
        return recorder;
    }

    public List<String> add(final long ticketId, final long createdTime, final long userId, final int rating)
    {
        return add(ticketId, 0, createdTime, new long[]{userId}, new int[]{rating});
    }

    public List<String> add(
        final long ticketId, final int region, final long createdTime, final long[] users, final int[] ratings)
    {
        return apply(commands.addTicket(buffer, 0, ticketId, config.queueId(), region, createdTime, users, ratings));
    }

    public List<String> cancel(final long ticketId)
    {
        return apply(commands.cancelTicket(buffer, 0, ticketId));
    }

    public List<String> tick(final long time)
    {
        return apply(commands.tick(buffer, 0, time));
    }

    public List<String> split(final int at, final SplitMode mode)
    {
        return apply(commands.splitRange(buffer, 0, at, mode));
    }

    public List<String> extend(final int lower, final int upper)
    {
        return apply(commands.extendRange(buffer, 0, lower, upper));
    }

    /**
     * @return what the engine said to a command written as text.
     */
    public List<String> apply(final String line)
    {
        return apply(commands.encode(line, buffer, 0));
    }

    /**
     * @return what the engine said to raw bytes.
     */
    public List<String> apply(final DirectBuffer bytes, final int offset, final int length)
    {
        final int mark = recorder.mark();
        engine.apply(bytes, offset, length);
        return recorder.since(mark);
    }

    private List<String> apply(final int length)
    {
        return apply(buffer, 0, length);
    }

    /**
     * @return the engine's snapshot, one byte array per message.
     */
    public List<byte[]> snapshot()
    {
        final List<byte[]> messages = new ArrayList<>();
        new PartitionSnapshotWriter().write(engine, (b, o, l) ->
        {
            final byte[] copy = new byte[l];
            b.getBytes(o, copy);
            messages.add(copy);
        });
        return messages;
    }

    /**
     * @return a new partition loaded from this one's snapshot, with a new recorder.
     */
    public Partition restored()
    {
        return new Partition(copyOf(rules), copyOf(config), snapshot());
    }

    /**
     * @return a partition loaded from a snapshot.
     */
    public static Partition loaded(final QueueRules rules, final PartitionConfig config, final List<byte[]> snapshot)
    {
        return new Partition(rules, config, snapshot);
    }

    /**
     * @return unconcluded rules equal to these.
     */
    public static QueueRules copyOf(final QueueRules r)
    {
        return new QueueRules().playersPerMatch(r.playersPerMatch()).teams(r.teams()).teamSize(r.teamSize())
            .maxPartySize(r.maxPartySize()).initialWindow(r.initialWindow()).widenBy(r.widenBy())
            .widenEveryMs(r.widenEveryMs()).maxWindow(r.maxWindow()).maxWaitMs(r.maxWaitMs())
            .regionStrict(r.regionStrict());
    }

    /**
     * @return an unconcluded config equal to this one.
     */
    public static PartitionConfig copyOf(final PartitionConfig c)
    {
        return new PartitionConfig().queueId(c.queueId()).lower(c.lower()).upper(c.upper()).maxTickets(c.maxTickets())
            .ratingBuckets(c.ratingBuckets()).maxRegions(c.maxRegions()).scanLimit(c.scanLimit());
    }
}
