package io.gamehall.master.support;

import io.gamehall.master.MasterEngine;
import io.gamehall.master.SnapshotLoader;
import io.gamehall.master.SnapshotWriter;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.List;

/**
 * An engine's snapshot as the list of its messages, and a restore from such a list: what the
 * cluster does with a snapshot, without the cluster.
 */
public final class SnapshotBytes
{
    private SnapshotBytes()
    {
    }

    /**
     * @return the snapshot messages of {@code engine}, each copied.
     */
    public static List<byte[]> write(final MasterEngine engine, final long timestamp)
    {
        final List<byte[]> messages = new ArrayList<>();
        new SnapshotWriter().write(engine, timestamp, (buffer, offset, length) ->
        {
            final byte[] copy = new byte[length];
            buffer.getBytes(offset, copy);
            messages.add(copy);
        });
        return messages;
    }

    /**
     * Restore {@code messages} into {@code engine} (a fresh one) and check the end marker.
     *
     * @return the engine.
     */
    public static MasterEngine load(final List<byte[]> messages, final MasterEngine engine)
    {
        final SnapshotLoader loader = new SnapshotLoader(engine);
        for (final byte[] message : messages)
        {
            loader.onMessage(new UnsafeBuffer(message), 0, message.length);
        }
        loader.finish();
        return engine;
    }
}
