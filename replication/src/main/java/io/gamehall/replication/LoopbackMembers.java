package io.gamehall.replication;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Member addresses for a cluster on this machine's loopback: tests, benchmarks and local
 * all-in-one runs, where several nodes share one host and need ranges of free UDP ports.
 */
public final class LoopbackMembers
{
    private static final int FIRST_BASE_PORT = 20_000;
    private static final int BASE_PORT_CHOICES = 3_000;
    private static final int ATTEMPTS = 100;

    private LoopbackMembers()
    {
    }

    /**
     * @param size number of members.
     * @return {@code 127.0.0.1:base} per member, each base followed by enough free UDP ports
     * ({@link MasterNode#PORTS_PER_MEMBER}); ports are free when checked, not reserved.
     * @throws IllegalStateException when no free range is found.
     */
    public static List<String> free(final int size)
    {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++)
        {
            final int base = FIRST_BASE_PORT + ThreadLocalRandom.current().nextInt(BASE_PORT_CHOICES) * 10;
            final List<String> members = new ArrayList<>();
            boolean free = true;
            for (int id = 0; id < size && free; id++)
            {
                final int memberBase = base + id * 10;
                free = portsFree(memberBase, MasterNode.PORTS_PER_MEMBER);
                members.add("127.0.0.1:" + memberBase);
            }
            if (free)
            {
                return members;
            }
        }
        throw new IllegalStateException("no free range of UDP ports found on loopback");
    }

    private static boolean portsFree(final int base, final int count)
    {
        for (int port = base; port < base + count; port++)
        {
            try (DatagramSocket socket = new DatagramSocket(null))
            {
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            }
            catch (final IOException ex)
            {
                return false;
            }
        }
        return true;
    }
}
