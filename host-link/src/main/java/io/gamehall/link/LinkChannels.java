package io.gamehall.link;

import io.aeron.ChannelUri;
import io.aeron.CommonContext;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The streams and channels of game traffic between gateways and hosts. Gateways publish to a
 * host's endpoint on {@link #HOST_STREAM_ID}; hosts answer on {@link #REPLY_STREAM_ID} (UDP) or
 * an IPC stream the gateway reserved ({@link SameDriver}).
 * <p>
 * The channels carry a term length of their own. Aeron's defaults are made for throughput, not for many small links: 64 MB terms for IPC and
 * 16 MB for UDP, three terms a log, so each link direction would end up holding 192 MB (IPC)
 * or 48 MB (UDP, on both machines) of memory once its traffic has gone round the log. Game
 * messages are small (a payload is at most 64 KB, an Aeron message at most an eighth of a
 * term), and a 4 MB term still lets a host fall ~2 MB (tens of thousands of messages) behind
 * a gateway before the gateway is held back: 12 MB a link direction.
 * <p>
 * A host publishes to a channel a gateway names in its hello; it takes from it only the media
 * and the endpoint ({@link #reply(String, int)}), never parameters such as a term length (a
 * peer asking for 1 GB terms would have the host map gigabytes a link).
 */
public final class LinkChannels
{
    /** Stream id gateways publish to a host's endpoint on. */
    public static final int HOST_STREAM_ID = 1101;
    /** Stream id hosts answer gateways on over UDP (over IPC: a stream from {@link SameDriver#STREAM_BASE} up). */
    public static final int REPLY_STREAM_ID = 1102;
    /** Term length of the logs of game traffic between gateways and hosts. */
    public static final int TERM_LENGTH = 4 * 1024 * 1024;

    private static final Pattern HOST_PORT = Pattern.compile(
        "^(?:[A-Za-z0-9](?:[A-Za-z0-9.-]{0,252})|\\[[0-9A-Fa-f:.]{2,45}\\]):(\\d{1,5})$");

    private LinkChannels()
    {
    }

    /**
     * @param channel an {@code aeron:udp} or {@code aeron:ipc} channel.
     * @return the channel to publish on, with {@link #TERM_LENGTH} whatever term length it names.
     */
    public static String publication(final String channel)
    {
        final ChannelUri uri = ChannelUri.parse(channel);
        uri.put(CommonContext.TERM_LENGTH_PARAM_NAME, Integer.toString(TERM_LENGTH));
        return uri.toString();
    }

    /**
     * The channel a host answers a gateway on, made by the host from what the gateway's hello
     * names: {@code aeron:udp?endpoint=host:port} on stream {@link #REPLY_STREAM_ID},
     * or {@code aeron:ipc} on a stream from {@link SameDriver#STREAM_BASE} up; any other
     * parameter the hello names is dropped, and the term length is {@link #TERM_LENGTH}.
     *
     * @param channel  the reply channel of a hello.
     * @param streamId the reply stream of a hello.
     * @return the channel to publish on.
     * @throws IllegalArgumentException saying what is not acceptable.
     */
    public static String reply(final String channel, final int streamId)
    {
        final ChannelUri uri;
        try
        {
            uri = ChannelUri.parse(channel);
        }
        catch (final RuntimeException ex)
        {
            throw new IllegalArgumentException("not an Aeron channel");
        }
        if (CommonContext.IPC_MEDIA.equals(uri.media()))
        {
            if (streamId < SameDriver.STREAM_BASE)
            {
                throw new IllegalArgumentException("an IPC reply stream must be at least " + SameDriver.STREAM_BASE);
            }
            return publication(SameDriver.IPC_CHANNEL);
        }
        if (!CommonContext.UDP_MEDIA.equals(uri.media()))
        {
            throw new IllegalArgumentException("media must be udp or ipc");
        }
        if (streamId != REPLY_STREAM_ID)
        {
            throw new IllegalArgumentException("a UDP reply stream must be " + REPLY_STREAM_ID);
        }
        final String endpoint = uri.get(CommonContext.ENDPOINT_PARAM_NAME);
        final Matcher matcher = endpoint == null ? null : HOST_PORT.matcher(endpoint);
        if (matcher == null || !matcher.matches())
        {
            throw new IllegalArgumentException("a UDP reply channel needs endpoint=host:port");
        }
        final int port = Integer.parseInt(matcher.group(1));
        if (port < 1 || port > 65535)
        {
            throw new IllegalArgumentException("port out of range");
        }
        return publication("aeron:udp?endpoint=" + endpoint);
    }
}
