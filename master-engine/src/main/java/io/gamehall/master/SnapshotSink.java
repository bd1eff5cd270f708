package io.gamehall.master;

import org.agrona.DirectBuffer;

/**
 * Receives the messages of an engine snapshot, one at a time, in order. The replication
 * layer offers them to the snapshot publication; tests keep them in memory.
 */
@FunctionalInterface
public interface SnapshotSink
{
    /**
     * @param buffer holding one SBE snapshot message, header first; valid only during the call.
     */
    void onMessage(DirectBuffer buffer, int offset, int length);
}
