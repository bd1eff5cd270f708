package io.gamehall.launcher;

import picocli.CommandLine.Option;

/**
 * {@code --master-egress-host}: the address of this machine that the master nodes send their
 * answers and events to. Every cluster client names it when it connects; the masters then
 * publish to it, so it must be reachable from every master node.
 */
final class MasterEgressOption
{
    @Option(names = "--master-egress-host",
        description = "This machine's address the masters send answers to (default: 127.0.0.1 when --masters are " +
            "on this machine, else --bind when it names one address; otherwise required).")
    String host;

    /**
     * @param masters the masters' ingress endpoints.
     * @param bind    the address this process listens on, or null when it has none.
     * @return the egress host to name.
     * @throws IllegalArgumentException when masters elsewhere cannot reach any address we know.
     */
    String resolve(final String masters, final String bind)
    {
        if (host != null)
        {
            if (host.isBlank() || host.equals("0.0.0.0") || host.equals("::"))
            {
                throw new IllegalArgumentException("--master-egress-host must name one address of this machine, not '" +
                    host + "'");
            }
            return host;
        }
        if (Loopback.nonLoopbackHosts(masters).isEmpty())
        {
            return Loopback.ADDRESS;
        }
        if (bind != null && !bind.equals("0.0.0.0") && !bind.equals("::") && !Loopback.isLoopback(bind))
        {
            return bind;
        }
        throw new IllegalArgumentException("the masters (" + masters + ") are on another machine: set " +
            "--master-egress-host to this machine's address they can reach (their answers come back to it)");
    }
}
