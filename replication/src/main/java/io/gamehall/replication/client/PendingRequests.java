package io.gamehall.replication.client;

import org.agrona.DirectBuffer;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A {@link MasterClientListener} that turns responses into futures: convenient for tools,
 * tests and anything off the hot path (it allocates per request). Events and connection
 * changes are passed on to an optional delegate.
 */
public final class PendingRequests implements MasterClientListener
{
    private final ConcurrentHashMap<Long, CompletableFuture<byte[]>> pending = new ConcurrentHashMap<>();
    private final AtomicLong nextTag = new AtomicLong();
    private final Consumer<byte[]> events;
    private final MasterClientListener delegate;
    private volatile MasterClient client;

    /**
     * @param events   receives a copy of every event; may be null.
     * @param delegate receives connection changes and errors; may be null.
     */
    public PendingRequests(final Consumer<byte[]> events, final MasterClientListener delegate)
    {
        this.events = events;
        this.delegate = delegate;
    }

    /**
     * @param client the client whose listener this is.
     * @return this.
     */
    public PendingRequests client(final MasterClient client)
    {
        this.client = client;
        return this;
    }

    /**
     * Send a command and get its response as bytes, header first.
     *
     * @return a future that fails with {@link OutcomeUnknownException} (a {@link TimeoutException})
     * when the request got no answer in time, or
     * with {@link IllegalStateException} when the client's queue was full.
     */
    public CompletableFuture<byte[]> submit(final DirectBuffer buffer, final int offset, final int length)
    {
        final long tag = nextTag.incrementAndGet();
        final CompletableFuture<byte[]> future = new CompletableFuture<>();
        pending.put(tag, future);
        if (!client.offer(tag, buffer, offset, length))
        {
            pending.remove(tag);
            future.completeExceptionally(new IllegalStateException("master client queue full or command too long"));
        }
        return future;
    }

    public void onResponse(final long tag, final DirectBuffer buffer, final int offset, final int length)
    {
        final CompletableFuture<byte[]> future = pending.remove(tag);
        if (future != null)
        {
            final byte[] copy = new byte[length];
            buffer.getBytes(offset, copy);
            future.complete(copy);
        }
    }

    /**
     * Ask again for a command whose future failed with {@link OutcomeUnknownException}: the master
     * answers from its exactly-once memory if it applied it, and applies it otherwise.
     *
     * @param unknown what the first attempt's future failed with.
     * @param buffer  holding the same command, header first.
     * @return a future as {@link #submit} gives.
     */
    public CompletableFuture<byte[]> reask(
        final OutcomeUnknownException unknown, final DirectBuffer buffer, final int offset, final int length)
    {
        final long tag = nextTag.incrementAndGet();
        final CompletableFuture<byte[]> future = new CompletableFuture<>();
        pending.put(tag, future);
        if (!client.reask(tag, unknown.requestId(), buffer, offset, length))
        {
            pending.remove(tag);
            future.completeExceptionally(new IllegalStateException("cannot ask request " + unknown.requestId() +
                " again: not this client's, or too many asked again at once"));
        }
        return future;
    }

    public void onTimeout(final long tag)
    {
        onOutcomeUnknown(tag, 0);
    }

    public void onOutcomeUnknown(final long tag, final long requestId)
    {
        final CompletableFuture<byte[]> future = pending.remove(tag);
        if (future != null)
        {
            future.completeExceptionally(new OutcomeUnknownException(requestId));
        }
    }

    public void onEvent(final DirectBuffer buffer, final int offset, final int length)
    {
        if (events != null)
        {
            final byte[] copy = new byte[length];
            buffer.getBytes(offset, copy);
            events.accept(copy);
        }
    }

    public void onConnected(final boolean reconnect)
    {
        if (delegate != null)
        {
            delegate.onConnected(reconnect);
        }
    }

    public void onDisconnected(final String reason)
    {
        if (delegate != null)
        {
            delegate.onDisconnected(reason);
        }
    }

    public void onNewLeader(final int leaderMemberId)
    {
        if (delegate != null)
        {
            delegate.onNewLeader(leaderMemberId);
        }
    }

    public void onError(final Throwable error)
    {
        if (delegate != null)
        {
            delegate.onError(error);
        }
    }
}
