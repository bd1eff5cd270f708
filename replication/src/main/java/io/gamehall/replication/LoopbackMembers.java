package io.gamehall.replication;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Member addresses for a cluster on this machine's loopback: tests, benchmarks and local
 * all-in-one runs, where several nodes share one host and need ranges of free UDP ports.
 */
public final class LoopbackMembers
{
    private static final int FIRST_BASE_PORT = 10_000;
    private static final int DEFAULT_EPHEMERAL_START = 32_768;
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
        final int blocks = (ephemeralStart() - FIRST_BASE_PORT) / 10 - size;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++)
        {
            final int base = FIRST_BASE_PORT + ThreadLocalRandom.current().nextInt(blocks) * 10;
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

    /**
     * Ports are chosen below the kernel's ephemeral range: a port found free there can still be
     * handed to any socket bound to port 0 (Aeron's own senders among them) before the node binds it.
     */
    static int ephemeralStart()
    {
        try
        {
            final String range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim();
            final int start = Integer.parseInt(range.split("\\s+")[0]);
            return start > FIRST_BASE_PORT + 1_000 ? start : DEFAULT_EPHEMERAL_START;
        }
        catch (final IOException | RuntimeException ex)
        {
            return DEFAULT_EPHEMERAL_START;
        }
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
