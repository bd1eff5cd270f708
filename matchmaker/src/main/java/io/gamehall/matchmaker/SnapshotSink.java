package io.gamehall.matchmaker;

import org.agrona.DirectBuffer;

/**
 * Receives the messages of a partition snapshot, one at a time, in order.
 */
@FunctionalInterface
public interface SnapshotSink
{
    /**
     * @param buffer holding one SBE snapshot message, header first; valid only during the call.
     * @param offset where it starts.
     * @param length its length.
     */
    void onMessage(DirectBuffer buffer, int offset, int length);
}
