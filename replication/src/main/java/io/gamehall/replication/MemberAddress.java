package io.gamehall.replication;

/**
 * A member's {@code host:basePort}, and the ports derived from it: base + 0 ingress,
 * + 1 consensus, + 2 log, + 3 catch-up, + 4 archive control, + 5 archive replication,
 * + 6 cluster replication.
 */
record MemberAddress(String host, int basePort)
{
    static MemberAddress parse(final String value)
    {
        final int colon = value.lastIndexOf(':');
        if (colon <= 0 || colon == value.length() - 1)
        {
            throw new IllegalArgumentException("member address must be host:basePort: '" + value + "'");
        }
        final int port;
        try
        {
            port = Integer.parseInt(value.substring(colon + 1));
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("member address has a bad port: '" + value + "'");
        }
        if (port < 1 || port + MasterNode.PORTS_PER_MEMBER - 1 > 65535)
        {
            throw new IllegalArgumentException("member base port must leave room for " + MasterNode.PORTS_PER_MEMBER +
                " ports below 65536: '" + value + "'");
        }
        return new MemberAddress(value.substring(0, colon), port);
    }

    String endpoint(final int offset)
    {
        return host + ":" + (basePort + offset);
    }
}
