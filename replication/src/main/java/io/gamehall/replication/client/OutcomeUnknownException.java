package io.gamehall.replication.client;

import java.util.concurrent.TimeoutException;

/**
 * A command got no answer in time: the master may or may not have applied it. Distinct from a
 * refusal; ask again with {@link PendingRequests#reask} to learn the outcome (a
 * {@link TimeoutException}, so code that treats every timeout alike still does).
 */
public final class OutcomeUnknownException extends TimeoutException
{
    private static final long serialVersionUID = 1L;
    private final long requestId;

    /**
     * @param requestId the request id the command was sent with.
     */
    public OutcomeUnknownException(final long requestId)
    {
        super("no answer from the master in time: the outcome of request " + requestId +
            " is unknown (it may have been applied); ask again to learn it");
        this.requestId = requestId;
    }

    /**
     * @return the request id to ask again with.
     */
    public long requestId()
    {
        return requestId;
    }
}
