package io.gamehall.gateway;

import org.agrona.DirectBuffer;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The link to the game hosts in memory: the hosts it was told of, which are "connected", and
 * what it was asked to send and sync, as lines of text.
 */
final class FakeHostLink implements HostLink
{
    final Map<Long, String> endpoints = new ConcurrentHashMap<>();
    final Set<String> connected = new HashSet<>();
    final List<String> sent = new CopyOnWriteArrayList<>();
    final List<String> syncs = new CopyOnWriteArrayList<>();
    boolean refuseSends;

    @Override
    public void host(final long hostId, final String endpoint)
    {
        endpoints.put(hostId, endpoint);
    }

    @Override
    public String endpointOf(final long hostId)
    {
        return endpoints.get(hostId);
    }

    @Override
    public boolean isConnected(final String endpoint)
    {
        return connected.contains(endpoint);
    }

    @Override
    public boolean send(final String endpoint, final long instanceId, final long userId, final long sequence,
        final int kind, final DirectBuffer payload, final int offset, final int length)
    {
        if (refuseSends)
        {
            return false;
        }
        sent.add(endpoint + " " + instanceId + " " + userId + " " + sequence + " " + kind + " " +
            payload.getStringWithoutLengthAscii(offset, length));
        return true;
    }

    @Override
    public void sync(final String endpoint, final long instanceId, final long userId)
    {
        syncs.add(endpoint + " " + instanceId + " " + userId);
    }
}
