package io.gamehall.replication.client;

import io.gamehall.sbe.master.ResultCode;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A server (game host or gateway) registering with the master when it starts: ask until the
 * master answers, within a deadline. An answer other than OK is final (a name held by a live
 * server, bad values); no answer (no leader yet, a failover) is asked again after a short
 * pause. An attempt whose outcome is unknown (it timed out, the master may have applied it) is
 * asked again with its own request id, so that a registration the master did apply is answered
 * OK with its server id, not refused because the name is now taken by that very registration.
 */
public final class Registration
{
    /** Pause between attempts that got no answer. */
    static final long RETRY_PAUSE_MS = 200;

    /**
     * The master's answer to one attempt.
     *
     * @param code      its result code.
     * @param subjectId the id it gave the server when the code is OK.
     */
    public record Answer(ResultCode code, long subjectId)
    {
    }

    private Registration()
    {
    }

    /**
     * @param what      the server, as the errors name it ("host h1", "gateway g1").
     * @param timeoutMs how long to keep asking.
     * @param attempt   sends one registration; its future completes with the master's answer,
     *                  or exceptionally when there was none.
     * @return the id the master gave.
     * @throws IllegalStateException when the master refuses, or gives no answer in time.
     */
    public static long register(final String what, final long timeoutMs,
        final Supplier<CompletableFuture<Answer>> attempt)
    {
        return register(what, timeoutMs, attempt, null);
    }

    /**
     * @param what      the server, as the errors name it ("host h1", "gateway g1").
     * @param timeoutMs how long to keep asking.
     * @param attempt   sends one registration; its future completes with the master's answer,
     *                  or exceptionally when there was none.
     * @param reask     asks again for an attempt whose future failed with
     *                  {@link OutcomeUnknownException}, with its request id; null to send a new
     *                  attempt instead.
     * @return the id the master gave.
     * @throws IllegalStateException when the master refuses, or gives no answer in time.
     */
    public static long register(final String what, final long timeoutMs,
        final Supplier<CompletableFuture<Answer>> attempt,
        final Function<OutcomeUnknownException, CompletableFuture<Answer>> reask)
    {
        final long deadline = System.currentTimeMillis() + timeoutMs;
        String last = "no answer";
        OutcomeUnknownException unknown = null;
        while (System.currentTimeMillis() < deadline)
        {
            final Answer answer;
            try
            {
                final CompletableFuture<Answer> sent = unknown != null && reask != null ? reask.apply(unknown) : attempt.get();
                unknown = null;
                answer = sent.get(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while registering " + what, ex);
            }
            catch (final ExecutionException ex)
            {
                if (ex.getCause() instanceof OutcomeUnknownException)
                {
                    unknown = (OutcomeUnknownException)ex.getCause();
                }
                last = String.valueOf(ex.getCause());
                pause();
                continue;
            }
            catch (final Exception ex)
            {
                last = ex.toString();
                pause();
                continue;
            }
            if (answer.code() != ResultCode.OK)
            {
                throw new IllegalStateException("the master refused the registration of " + what + ": " + answer.code());
            }
            return answer.subjectId();
        }
        throw new IllegalStateException("could not register " + what + " with the master within " + timeoutMs +
            " ms: " + last);
    }

    private static void pause()
    {
        try
        {
            Thread.sleep(RETRY_PAUSE_MS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", ex);
        }
    }
}
