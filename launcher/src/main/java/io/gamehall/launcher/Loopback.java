package io.gamehall.launcher;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Loopback addresses, for what {@code --dev} allows (the development secrets are public, so a
 * process that uses them listens and connects on this machine only) and for the warning every
 * command gives when Aeron traffic would leave the machine: Aeron UDP is neither encrypted nor
 * authenticated per message, so between machines it belongs on a private network or an
 * encrypted overlay (WireGuard, IPsec).
 */
final class Loopback
{
    /** The address {@code --dev} binds instead of a non-loopback one. */
    static final String ADDRESS = "127.0.0.1";

    private Loopback()
    {
    }

    /**
     * @param host a name or address.
     * @return whether it is (resolves to) a loopback address; false when it does not resolve.
     */
    static boolean isLoopback(final String host)
    {
        final String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        try
        {
            return InetAddress.getByName(bare).isLoopbackAddress();
        }
        catch (final UnknownHostException ex)
        {
            return false;
        }
    }

    /**
     * @param endpoints {@code host:port} or {@code id=host:port}, comma separated.
     * @return the hosts of those that are not loopback.
     */
    static List<String> nonLoopbackHosts(final String endpoints)
    {
        final List<String> hosts = new ArrayList<>();
        for (final String part : endpoints.split(","))
        {
            final String endpoint = part.substring(part.indexOf('=') + 1).trim();
            final int colon = endpoint.lastIndexOf(':');
            final String host = colon > 0 ? endpoint.substring(0, colon) : endpoint;
            if (!host.isEmpty() && !isLoopback(host))
            {
                hosts.add(host);
            }
        }
        return hosts;
    }

    /**
     * {@code --dev}: a non-loopback listen address becomes {@link #ADDRESS}, with a notice.
     *
     * @return the address to bind.
     */
    static String devBind(final String option, final String bind, final PrintWriter err)
    {
        if (isLoopback(bind))
        {
            return bind;
        }
        err.println("--dev: listening on " + ADDRESS + " instead of " + bind + " (" + option + "): the development " +
            "secrets are public, so a --dev process stays on this machine");
        return ADDRESS;
    }

    /**
     * {@code --dev}: endpoints to connect to must all be loopback.
     *
     * @throws IllegalArgumentException naming the option and the hosts that are not.
     */
    static void requireLoopback(final String option, final String endpoints)
    {
        final List<String> hosts = nonLoopbackHosts(endpoints);
        if (!hosts.isEmpty())
        {
            throw new IllegalArgumentException("--dev uses the public development secrets and stays on this machine: " +
                option + " names " + String.join(", ", hosts) + ", not loopback; configure secrets instead of --dev");
        }
    }

    /**
     * Warn when Aeron traffic to or from these endpoints would leave the machine.
     */
    static void warnIfAeronLeavesTheMachine(final String option, final String endpoints, final PrintWriter err)
    {
        final List<String> hosts = nonLoopbackHosts(endpoints);
        if (!hosts.isEmpty())
        {
            err.println("warning: " + option + " names " + String.join(", ", hosts) + ": Aeron UDP between machines " +
                "is neither encrypted nor authenticated per message; run it on a private network or an encrypted " +
                "overlay (WireGuard, IPsec), see docs/security.md");
        }
    }
}
