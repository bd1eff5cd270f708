package io.gamehall.client;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Requests waiting for their answers, by correlation id, and game messages waiting for their
 * acknowledgements, by sequence: each with a timeout, all failed at once when the connection is
 * lost or the client closes. Thread-safe.
 */
final class ClientRequests
{
    /**
     * Arms a future's timeout (fails it with {@link java.util.concurrent.TimeoutException}).
     */
    @FunctionalInterface
    interface Deadline
    {
        void arm(CompletableFuture<?> future, long timeoutMs);
    }

    /** The JDK's own timeout, cancelled when the future completes first. */
    static final Deadline OR_TIMEOUT = (future, timeoutMs) -> future.orTimeout(timeoutMs, TimeUnit.MILLISECONDS);

    private final AtomicLong correlations = new AtomicLong();
    private final AtomicLong sequences = new AtomicLong();
    private final Map<Long, CompletableFuture<byte[]>> pending = new ConcurrentHashMap<>();
    private final Map<Long, CompletableFuture<Void>> acks = new ConcurrentHashMap<>();
    private final long timeoutMs;
    private final Deadline deadline;

    ClientRequests(final long timeoutMs, final Deadline deadline)
    {
        this.timeoutMs = timeoutMs;
        this.deadline = deadline;
    }

    /**
     * @return a new correlation id.
     */
    long nextCorrelationId()
    {
        return correlations.incrementAndGet();
    }

    /**
     * @return the answer to request {@code correlationId}, awaited until it arrives or times out.
     */
    CompletableFuture<byte[]> await(final long correlationId)
    {
        final CompletableFuture<byte[]> answer = new CompletableFuture<>();
        pending.put(correlationId, answer);
        deadline.arm(answer, timeoutMs);
        answer.whenComplete((bytes, ex) -> pending.remove(correlationId));
        return answer;
    }

    /**
     * An answer arrived.
     *
     * @return false when no request waits for it (timed out, or never asked).
     */
    boolean answer(final long correlationId, final byte[] bytes)
    {
        final CompletableFuture<byte[]> answer = pending.remove(correlationId);
        return answer != null && answer.complete(bytes);
    }

    /**
     * @return the next game message sequence.
     */
    long nextSequence()
    {
        return sequences.incrementAndGet();
    }

    /**
     * @return the acknowledgement of game message {@code sequence}, awaited.
     */
    CompletableFuture<Void> expectAck(final long sequence)
    {
        final CompletableFuture<Void> ack = new CompletableFuture<>();
        acks.put(sequence, ack);
        deadline.arm(ack, timeoutMs);
        ack.whenComplete((v, ex) -> acks.remove(sequence));
        return ack;
    }

    /**
     * @return the future awaiting the acknowledgement (or refusal) of {@code sequence}, no longer
     * awaited; null when none (posted messages have none: no boxed look-up while none waits).
     */
    CompletableFuture<Void> takeAck(final long sequence)
    {
        return acks.isEmpty() ? null : acks.remove(sequence);
    }

    /**
     * @return requests and acknowledgements awaited.
     */
    int waiting()
    {
        return pending.size() + acks.size();
    }

    /**
     * Fail everything awaited with {@link ClientFailure#CONNECTION_LOST}.
     */
    void failAll(final String reason)
    {
        for (final CompletableFuture<byte[]> f : pending.values())
        {
            f.completeExceptionally(new ClientException(ClientFailure.CONNECTION_LOST, reason, null));
        }
        for (final CompletableFuture<Void> f : acks.values())
        {
            f.completeExceptionally(new ClientException(ClientFailure.CONNECTION_LOST, reason, null));
        }
    }

    static ClientException notConnected()
    {
        return new ClientException(ClientFailure.NOT_CONNECTED, "not connected to a gateway", null);
    }
}
