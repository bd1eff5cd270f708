package io.gamehall.gateway;

import org.agrona.DirectBuffer;

/**
 * What the gateway's role classes ask of the link to the game hosts: the port {@link HostRelay}
 * implements over Aeron, and tests fake in memory. Safe from any thread.
 */
interface HostLink
{
    /**
     * Remember (and start talking to) a host.
     */
    void host(long hostId, String endpoint);

    /**
     * @return the endpoint of a known host, or null.
     */
    String endpointOf(long hostId);

    /**
     * @return whether the link to that host is up.
     */
    boolean isConnected(String endpoint);

    /**
     * Relay a player's message.
     *
     * @return false when the host could not be reached.
     */
    boolean send(String endpoint, long instanceId, long userId, long sequence, int kind, DirectBuffer payload,
        int offset, int length);

    /**
     * Ask the game to send the player its whole state.
     */
    void sync(String endpoint, long instanceId, long userId);
}
