package io.gamehall.master;

import org.agrona.DirectBuffer;

/**
 * Everything the engine says. The host of the engine (the clustered service, a test, the
 * replay tool) decides where it goes. Buffers are only valid during the call.
 */
public interface EngineOutput
{
    /** Event target meaning "every connected server". */
    long ALL_SERVERS = -1;

    /** Output that goes nowhere: replays that want only the resulting state. */
    EngineOutput NONE = new EngineOutput()
    {
        public void onResponse(final long clientId, final DirectBuffer buffer, final int offset, final int length)
        {
        }

        public void onEvent(final long serverId, final DirectBuffer buffer, final int offset, final int length)
        {
        }

        public void onScheduleTimer(final long correlationId, final long deadline)
        {
        }
    };

    /**
     * The single response to the command being applied; goes back to the session that sent it.
     *
     * @param clientId client id the command carried (0 when it could not be read).
     */
    void onResponse(long clientId, DirectBuffer buffer, int offset, int length);

    /**
     * An event for one server (gateway or host) or {@link #ALL_SERVERS}.
     *
     * @param serverId the server it is addressed to.
     */
    void onEvent(long serverId, DirectBuffer buffer, int offset, int length);

    /**
     * Ask to be called back through {@link MasterEngine#onTimer(long, long)} at a cluster time.
     * Scheduling an id again replaces its earlier deadline.
     *
     * @param correlationId timer id.
     * @param deadline      cluster time in milliseconds.
     */
    void onScheduleTimer(long correlationId, long deadline);
}
