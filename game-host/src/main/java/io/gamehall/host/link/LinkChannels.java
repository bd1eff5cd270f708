package io.gamehall.host.link;

import io.aeron.ChannelUri;
import io.aeron.CommonContext;

/**
 * The channels gateways and hosts publish game traffic on carry a term length of their own.
 * Aeron's defaults are made for throughput, not for many small links: 64 MB terms for IPC and
 * 16 MB for UDP, three terms a log, so each link direction would end up holding 192 MB (IPC)
 * or 48 MB (UDP, on both machines) of memory once its traffic has gone round the log. Game
 * messages are small (a payload is at most 64 KB, an Aeron message at most an eighth of a
 * term), and a 4 MB term still lets a host fall ~2 MB (tens of thousands of messages) behind
 * a gateway before the gateway is held back: 12 MB a link direction.
 */
public final class LinkChannels
{
    /** Term length of the logs of game traffic between gateways and hosts. */
    public static final int TERM_LENGTH = 4 * 1024 * 1024;

    private LinkChannels()
    {
    }

    /**
     * @param channel an {@code aeron:udp} or {@code aeron:ipc} channel.
     * @return the channel to publish on: with {@link #TERM_LENGTH} unless it names a term length
     *     of its own.
     */
    public static String publication(final String channel)
    {
        final ChannelUri uri = ChannelUri.parse(channel);
        if (uri.get(CommonContext.TERM_LENGTH_PARAM_NAME) == null)
        {
            uri.put(CommonContext.TERM_LENGTH_PARAM_NAME, Integer.toString(TERM_LENGTH));
        }
        return uri.toString();
    }
}
