package io.gamehall.gateway;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * What the per-address limits count by: an IPv4 address, or the /64 prefix of an IPv6 address
 * (one subscriber usually holds a whole /64, so counting single IPv6 addresses would not limit
 * anyone). A gateway behind a proxy sees the proxy's address for every client: raise the
 * per-address limits there (the gateway does not trust forwarded-for headers).
 */
final class AddressKey
{
    private AddressKey()
    {
    }

    /**
     * @param remote a connection's remote address.
     * @return its key for the per-address limits.
     */
    static String of(final SocketAddress remote)
    {
        if (remote instanceof InetSocketAddress inet && inet.getAddress() != null)
        {
            return of(inet.getAddress());
        }
        return String.valueOf(remote);
    }

    static String of(final InetAddress address)
    {
        if (address instanceof Inet6Address)
        {
            final byte[] bytes = address.getAddress();
            final StringBuilder prefix = new StringBuilder(24);
            for (int i = 0; i < 8; i += 2)
            {
                prefix.append(Integer.toHexString(((bytes[i] & 0xFF) << 8) | (bytes[i + 1] & 0xFF))).append(':');
            }
            return prefix.append(":/64").toString();
        }
        return address.getHostAddress();
    }
}
