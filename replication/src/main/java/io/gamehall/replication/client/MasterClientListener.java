package io.gamehall.replication.client;

import org.agrona.DirectBuffer;

/**
 * What a {@link MasterClient} tells its owner. Called on the client's agent thread: keep the
 * work short and do not block. Buffers are valid only during the call.
 */
public interface MasterClientListener
{
    /**
     * The response to a command offered with this tag.
     */
    void onResponse(long tag, DirectBuffer buffer, int offset, int length);

    /**
     * No response came within the request timeout; the command may or may not have been applied.
     */
    void onTimeout(long tag);

    /**
     * No response came within the request timeout: the outcome is unknown, the master may or may
     * not have applied the command. Ask again with {@link MasterClient#reask} and this request
     * id to learn it (the master answers from its exactly-once memory if it applied the command,
     * and applies it otherwise). By default, {@link #onTimeout(long)}.
     *
     * @param tag       the command's tag.
     * @param requestId the request id the command was sent with.
     */
    default void onOutcomeUnknown(final long tag, final long requestId)
    {
        onTimeout(tag);
    }

    /**
     * An event addressed to this client's server, or to every server.
     */
    void onEvent(DirectBuffer buffer, int offset, int length);

    /**
     * A session with the cluster is open (first connect or reconnect). Events for a server
     * follow the session of its latest successful registration or heartbeat, so after a
     * reconnect they reach the new session from the owner's next heartbeat on. If the master
     * declared the server DEAD meanwhile (the outage outlasted its server timeout), that
     * heartbeat answers SERVER_DEAD and the owner registers again.
     *
     * @param reconnect false for the first connection.
     */
    default void onConnected(final boolean reconnect)
    {
    }

    /**
     * The session was lost (e.g. the cluster lost its quorum); the client keeps trying to
     * reconnect with backoff and keeps the unanswered commands.
     *
     * @param reason what happened, for logs and operators.
     */
    default void onDisconnected(final String reason)
    {
    }

    /**
     * A new leader was elected; unanswered commands have been sent to it again.
     */
    default void onNewLeader(final int leaderMemberId)
    {
    }

    /**
     * Something went wrong that the client handled (a failed connection attempt, a refused login).
     */
    default void onError(final Throwable error)
    {
    }
}
