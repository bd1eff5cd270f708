package io.gamehall.client;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;

/**
 * The gateways a client knows of (its seeds and what gateways told it) and the order to try
 * them in: a preferred one first, the others in a random order from a seed. Thread-safe.
 */
final class GatewayList
{
    private final LinkedHashSet<String> known = new LinkedHashSet<>();
    private final Random random;

    GatewayList(final Collection<String> seeds, final long seed)
    {
        known.addAll(seeds);
        random = new Random(seed);
    }

    /**
     * @param preferred tried first when not null (the gateway the client was on).
     * @return every known gateway in the order to try them.
     */
    List<String> candidates(final String preferred)
    {
        final List<String> list;
        synchronized (known)
        {
            list = new ArrayList<>(known);
        }
        Collections.shuffle(list, random);
        if (preferred != null)
        {
            list.remove(preferred);
            list.add(0, preferred);
        }
        return list;
    }

    void learn(final List<String> urls)
    {
        synchronized (known)
        {
            known.addAll(urls);
        }
    }

    void forget(final String url)
    {
        synchronized (known)
        {
            known.remove(url);
        }
    }

    List<String> list()
    {
        synchronized (known)
        {
            return List.copyOf(known);
        }
    }
}
