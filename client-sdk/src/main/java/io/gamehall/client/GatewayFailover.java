package io.gamehall.client;

import io.gamehall.sbe.client.ClientCode;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Finding a gateway: a check-in tries the candidates in order until one answers its hello (and
 * is not draining); a move (after a lost connection, or off a draining gateway) checks in and
 * resumes the session, retrying with backoff over all known gateways until the reconnect budget
 * is spent or the session's token is refused. While moving, requests are not sent (see
 * {@link #isMoving()}), so no frame reaches a gateway before the session it belongs to.
 */
final class GatewayFailover
{
    /** First wait before trying the gateways again, doubling up to {@link #MAX_BACKOFF_MS}. */
    static final long INITIAL_BACKOFF_MS = 100;
    /** Longest wait between two rounds over the gateways. */
    static final long MAX_BACKOFF_MS = 2_000;
    private static final int MAX_DOUBLINGS = 5;

    /**
     * Connects to one gateway and says hello.
     */
    @FunctionalInterface
    interface Dialer
    {
        /**
         * @return completes with {@code url} when the gateway answered and takes sessions; fails otherwise.
         */
        CompletableFuture<String> checkInAt(String url);
    }

    /**
     * Takes the session up again on the gateway just checked in at.
     */
    @FunctionalInterface
    interface Resumer
    {
        CompletableFuture<GameClient.Login> resume();
    }

    /**
     * Runs a task later.
     */
    @FunctionalInterface
    interface Delayer
    {
        void after(long delayMs, Runnable task);
    }

    /** The JDK's shared delayed executor. */
    static final Delayer JDK_DELAYER =
        (delayMs, task) -> CompletableFuture.delayedExecutor(delayMs, TimeUnit.MILLISECONDS).execute(task);

    private final GatewayList gateways;
    private final ClientRequests requests;
    private final GameClientListener listener;
    private final Dialer dialer;
    private final Resumer resumer;
    private final BooleanSupplier closed;
    private final LongSupplier clock;
    private final Delayer delayer;
    private volatile boolean moving;

    /**
     * @param closed true once the client is closed: no further attempts.
     * @param clock  wall-clock milliseconds, for the reconnect budget.
     */
    GatewayFailover(
        final GatewayList gateways,
        final ClientRequests requests,
        final GameClientListener listener,
        final Dialer dialer,
        final Resumer resumer,
        final BooleanSupplier closed,
        final LongSupplier clock,
        final Delayer delayer)
    {
        this.gateways = gateways;
        this.requests = requests;
        this.listener = listener;
        this.dialer = dialer;
        this.resumer = resumer;
        this.closed = closed;
        this.clock = clock;
        this.delayer = delayer;
    }

    /**
     * @return true while reconnecting and resuming.
     */
    boolean isMoving()
    {
        return moving;
    }

    /**
     * Check in at the first gateway of {@code urls} that answers.
     *
     * @return the gateway's URL; fails with {@link ClientFailure#NO_GATEWAY} when none answered.
     */
    CompletableFuture<String> checkIn(final List<String> urls)
    {
        if (urls.isEmpty())
        {
            return CompletableFuture.failedFuture(
                new ClientException(ClientFailure.NO_GATEWAY, "no gateway answered", null));
        }
        return dialer.checkInAt(urls.get(0))
            .handle((url, ex) -> ex == null ? CompletableFuture.completedFuture(url) :
                checkIn(urls.subList(1, urls.size())))
            .thenCompose(f -> f);
    }

    /**
     * Check in at one of {@code urls} and resume the session there, retrying until {@code deadlineMs}.
     */
    void moveTo(final List<String> urls, final long deadlineMs)
    {
        moveTo(urls, deadlineMs, 0);
    }

    /**
     * @return the wait before round {@code attempt + 1}.
     */
    static long backoff(final int attempt)
    {
        return Math.min(MAX_BACKOFF_MS, INITIAL_BACKOFF_MS << Math.min(attempt, MAX_DOUBLINGS));
    }

    private void moveTo(final List<String> urls, final long deadlineMs, final int attempt)
    {
        moving = true;
        checkIn(urls).thenCompose(url -> resumer.resume().thenApply(login -> new Moved(url, login)))
            .whenComplete((moved, ex) ->
            {
                if (ex == null)
                {
                    moving = false;
                    listener.onResumed(moved.login.resumed(), moved.url);
                    return;
                }
                final Throwable cause = ex instanceof CompletionException && ex.getCause() != null ? ex.getCause() : ex;
                if (closed.getAsBoolean() || isTokenRefused(cause) || clock.getAsLong() > deadlineMs)
                {
                    moving = false;
                    requests.failAll("gave up reconnecting: " + cause.getMessage());
                    listener.onGaveUp(cause.getMessage());
                    return;
                }
                delayer.after(backoff(attempt), () -> moveTo(gateways.candidates(null), deadlineMs, attempt + 1));
            });
    }

    private static boolean isTokenRefused(final Throwable cause)
    {
        return cause instanceof ClientException ce &&
            (ce.code() == ClientCode.TOKEN_EXPIRED || ce.code() == ClientCode.TOKEN_INVALID ||
            ce.code() == ClientCode.TOKEN_REVOKED);
    }

    private record Moved(String url, GameClient.Login login)
    {
    }
}
