package io.gamehall.matchmaker;

import org.agrona.DirectBuffer;

/**
 * Everything a partition engine says, as SBE messages of {@code matchmaker-protocol.xml}
 * (header first): refusals, matches, expiries, cancellations, hand-overs, range changes. The
 * host of the engine (the matchmaker server, a test, a benchmark) decides where they go.
 */
@FunctionalInterface
public interface PartitionOutput
{
    /** Output that goes nowhere. */
    PartitionOutput NONE = (buffer, offset, length) ->
    {
    };

    /**
     * @param buffer holding one message; valid only during the call.
     * @param offset where it starts.
     * @param length its length.
     */
    void onMessage(DirectBuffer buffer, int offset, int length);
}
