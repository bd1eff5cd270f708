package io.gamehall.bot;

import io.gamehall.client.ClientException;
import io.gamehall.sbe.client.ClientCode;

import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

/**
 * How a bot reads a failed request: the gateway's code of a refusal, the wait it asked for, and
 * the name the failure is counted under in {@link BotStats}.
 */
final class Failures
{
    /** Counted for a request without an answer in time. */
    static final String NO_ANSWER = "NO_ANSWER";
    /** Counted for a failure that is neither a refusal nor a client-side failure. */
    static final String INTERNAL = "INTERNAL";

    private Failures()
    {
    }

    /**
     * @return how a failure is counted: the gateway's code, what failed on this side, NO_ANSWER for
     * a request with no answer in time, INTERNAL for anything else.
     */
    static String name(final Throwable ex)
    {
        final Throwable cause = unwrap(ex);
        if (cause instanceof ClientException ce)
        {
            return ce.code() != null ? ce.code().name() : ce.failure().name();
        }
        return cause instanceof TimeoutException ? NO_ANSWER : INTERNAL;
    }

    /**
     * @return the gateway's code of a refusal, or null for any other failure.
     */
    static ClientCode code(final Throwable ex)
    {
        return unwrap(ex) instanceof ClientException ce ? ce.code() : null;
    }

    /**
     * @return how long the gateway asked to wait before trying again, 0 when it did not.
     */
    static long retryAfterMs(final Throwable ex)
    {
        Throwable t = ex;
        while (t != null && !(t instanceof ClientException))
        {
            t = t.getCause();
        }
        return t == null ? 0 : ((ClientException)t).retryAfterMs();
    }

    private static Throwable unwrap(final Throwable ex)
    {
        Throwable cause = ex;
        while (cause instanceof CompletionException && cause.getCause() != null)
        {
            cause = cause.getCause();
        }
        return cause;
    }
}
