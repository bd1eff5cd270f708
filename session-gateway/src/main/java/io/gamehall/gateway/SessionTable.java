package io.gamehall.gateway;

import org.agrona.collections.Long2ObjectHashMap;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;

/**
 * The gateway's sessions by user id, for many threads: open-addressing maps keyed by the
 * primitive id (no boxing on a look-up, so relaying an event allocates nothing), split into
 * stripes with a lock each, so the I/O threads, the host relay and the master client rarely
 * wait for one another.
 */
final class SessionTable
{
    private static final int STRIPES = 16;

    private final Stripe[] stripes = new Stripe[STRIPES];

    private static final class Stripe
    {
        final Long2ObjectHashMap<Session> byUser = new Long2ObjectHashMap<>();
    }

    SessionTable()
    {
        for (int i = 0; i < STRIPES; i++)
        {
            stripes[i] = new Stripe();
        }
    }

    /**
     * @return the user's session here, or null.
     */
    Session get(final long userId)
    {
        final Stripe stripe = stripeOf(userId);
        synchronized (stripe)
        {
            return stripe.byUser.get(userId);
        }
    }

    /**
     * @return the user's session, made by {@code factory} if there was none.
     */
    Session computeIfAbsent(final long userId, final LongFunction<Session> factory)
    {
        final Stripe stripe = stripeOf(userId);
        synchronized (stripe)
        {
            Session session = stripe.byUser.get(userId);
            if (session == null)
            {
                session = factory.apply(userId);
                stripe.byUser.put(userId, session);
            }
            return session;
        }
    }

    /**
     * @return the session that was removed, or null.
     */
    Session remove(final long userId)
    {
        final Stripe stripe = stripeOf(userId);
        synchronized (stripe)
        {
            return stripe.byUser.remove(userId);
        }
    }

    /**
     * Remove the user's session only if it is this one.
     *
     * @return whether it was.
     */
    boolean remove(final long userId, final Session session)
    {
        final Stripe stripe = stripeOf(userId);
        synchronized (stripe)
        {
            if (stripe.byUser.get(userId) != session)
            {
                return false;
            }
            stripe.byUser.remove(userId);
            return true;
        }
    }

    int size()
    {
        int size = 0;
        for (final Stripe stripe : stripes)
        {
            synchronized (stripe)
            {
                size += stripe.byUser.size();
            }
        }
        return size;
    }

    boolean isEmpty()
    {
        return size() == 0;
    }

    /**
     * @return the sessions now, in a list of their own (to act on without holding any lock).
     */
    List<Session> snapshot()
    {
        final List<Session> all = new ArrayList<>();
        for (final Stripe stripe : stripes)
        {
            synchronized (stripe)
            {
                all.addAll(stripe.byUser.values());
            }
        }
        return all;
    }

    void clear()
    {
        for (final Stripe stripe : stripes)
        {
            synchronized (stripe)
            {
                stripe.byUser.clear();
            }
        }
    }

    private Stripe stripeOf(final long userId)
    {
        final long mixed = userId * 0x9E3779B97F4A7C15L;
        return stripes[(int)(mixed >>> 60)];
    }
}
