package io.gamehall.host.runtime;

import org.agrona.DirectBuffer;

/**
 * Where an {@link Outbox} publishes a message for one gateway ({@link GatewayLinks} in a host).
 */
interface GatewaySink
{
    /**
     * @return false when the message could not be sent (no link, or back pressure past the wait).
     */
    boolean offer(long gatewayId, DirectBuffer buffer, int offset, int length);
}
