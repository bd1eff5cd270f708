package io.gamehall.replication.support;

import io.aeron.cluster.service.Cluster;
import io.gamehall.master.EngineConfig;
import io.gamehall.replication.ClientRole;
import io.gamehall.replication.MasterNode;
import io.gamehall.replication.client.MasterClient;
import io.gamehall.replication.client.PendingRequests;
import org.agrona.IoUtil;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * In-process master clusters for system tests: nodes on loopback with free ports, data in a
 * temporary directory, short timeouts; everything is removed on close.
 */
public final class TestCluster implements AutoCloseable
{
    /** Test secrets, strong enough for the launcher's checks (32+ bytes, not trivially repetitive). */
    public static final Map<ClientRole, String> SECRETS = Map.of(
        ClientRole.GATEWAY, "gateway-secret-of-the-tests-0123456789",
        ClientRole.HOST, "host-secret-of-the-tests-0123456789",
        ClientRole.ADMIN, "admin-secret-of-the-tests-0123456789");

    /** The members' archive secret (see MasterNode.Context#archiveSecret). */
    public static final String ARCHIVE_SECRET = "archive-secret-of-the-test-cluster-0123456789";

    private final File baseDir;
    private final List<String> members;
    private final MasterNode[] nodes;
    private final List<MasterClient> clients = new ArrayList<>();

    private final java.util.function.UnaryOperator<MasterNode.Context> customiser;

    private TestCluster(final int size, final java.util.function.UnaryOperator<MasterNode.Context> customiser)
        throws IOException
    {
        baseDir = Files.createTempDirectory("gamehall-cluster-").toFile();
        members = freeMembers(size);
        nodes = new MasterNode[size];
        this.customiser = customiser;
    }

    /**
     * Start a cluster of the given size and wait for a leader.
     */
    public static TestCluster start(final int size) throws IOException
    {
        return start(size, ctx -> ctx);
    }

    /**
     * Start a cluster of the given size, each node's context adjusted, and wait for a leader.
     */
    public static TestCluster start(final int size, final java.util.function.UnaryOperator<MasterNode.Context> customiser)
        throws IOException
    {
        for (int attempt = 1; ; attempt++)
        {
            final TestCluster cluster = new TestCluster(size, customiser);
            try
            {
                for (int i = 0; i < size; i++)
                {
                    cluster.startNode(i);
                }
                cluster.awaitLeader(TimeUnit.SECONDS.toMillis(20));
                return cluster;
            }
            catch (final RuntimeException ex)
            {
                cluster.close();
                // ports are checked free, not reserved: another process may take one first
                if (attempt >= START_ATTEMPTS || !isPortClash(ex))
                {
                    throw ex;
                }
            }
        }
    }

    private static final int START_ATTEMPTS = 3;

    private static boolean isPortClash(final Throwable ex)
    {
        for (Throwable t = ex; t != null; t = t.getCause())
        {
            if (t.getMessage() != null && t.getMessage().contains("Address already in use"))
            {
                return true;
            }
        }
        return false;
    }

    public static EngineConfig engineConfig()
    {
        return new EngineConfig().maxServers(64).maxUsers(4096).maxInstances(1024).maxClients(64).dedupWindow(256);
    }

    public MasterNode.Context nodeContext(final int memberId)
    {
        return customiser.apply(new MasterNode.Context()
            .memberId(memberId)
            .members(members)
            .dataDir(new File(baseDir, "node-" + memberId))
            .archiveSecret(ARCHIVE_SECRET)
            .logTermLength(256 * 1024)
            .archiveSegmentLength(1024 * 1024)
            .secrets(SECRETS)
            .snapshotIntervalMs(0)
            .engineConfig(engineConfig()));
    }

    public MasterNode startNode(final int memberId)
    {
        nodes[memberId] = MasterNode.launch(nodeContext(memberId));
        return nodes[memberId];
    }

    /**
     * Start a node that hosts another service in place of the master service (everything else
     * as {@link #startNode(int)} sets it up).
     */
    public MasterNode startNodeWith(final int memberId, final io.aeron.cluster.service.ClusteredService service)
    {
        nodes[memberId] = MasterNode.launchWith(nodeContext(memberId), service);
        return nodes[memberId];
    }

    public void stopNode(final int memberId)
    {
        final MasterNode node = nodes[memberId];
        nodes[memberId] = null;
        if (node != null)
        {
            node.close();
        }
    }

    /**
     * @return the journal directory of a node.
     */
    public File journalOf(final int memberId)
    {
        return new File(new File(baseDir, "node-" + memberId), "journal");
    }

    public File node0Journal()
    {
        return journalOf(0);
    }

    public MasterNode node(final int memberId)
    {
        return nodes[memberId];
    }

    public int size()
    {
        return nodes.length;
    }

    public List<String> members()
    {
        return members;
    }

    public String ingressEndpoints()
    {
        return MasterNode.Context.ingressEndpoints(members);
    }

    /**
     * @return the index of the running node that is leader, or -1.
     */
    public int leader()
    {
        for (int i = 0; i < nodes.length; i++)
        {
            final MasterNode node = nodes[i];
            if (node != null && Cluster.Role.get(node.consensusModuleContext().clusterNodeRoleCounter()) == Cluster.Role.LEADER)
            {
                return i;
            }
        }
        return -1;
    }

    public int awaitLeader(final long timeoutMs)
    {
        final long deadline = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < deadline)
        {
            final int leader = leader();
            if (leader >= 0)
            {
                return leader;
            }
            sleep(20);
        }
        throw new IllegalStateException("no leader within " + timeoutMs + " ms");
    }

    /**
     * Start a client of this cluster; it is closed with the cluster.
     */
    public MasterClient client(final ClientRole role, final PendingRequests listener)
    {
        return client(role, listener, 0);
    }

    /**
     * Start a client of this cluster with this client id (0: random), as a server restarted with
     * {@code --client-id} is; it is closed with the cluster.
     */
    public MasterClient client(final ClientRole role, final PendingRequests listener, final long clientId)
    {
        final MasterClient client = MasterClient.launch(new MasterClient.Context()
            .ingressEndpoints(ingressEndpoints())
            .clientId(clientId)
            .role(role)
            .secret(SECRETS.get(role))
            .requestTimeoutMs(10_000)
            .listener(listener));
        listener.client(client);
        clients.add(client);
        return client;
    }

    /**
     * Ask for a snapshot through the first admin client.
     *
     * @return false when there is no connected admin client.
     */
    public boolean clientsRequestSnapshot()
    {
        for (final MasterClient client : clients)
        {
            if (client.isConnected() && client.requestSnapshot())
            {
                return true;
            }
        }
        return false;
    }

    /**
     * Close every client started through this cluster.
     */
    public void closeClients()
    {
        for (final MasterClient client : clients)
        {
            client.close();
        }
        clients.clear();
    }

    public void close()
    {
        closeClients();
        for (int i = 0; i < nodes.length; i++)
        {
            stopNode(i);
        }
        IoUtil.delete(baseDir, true);
    }

    /**
     * Wait until every running node has applied the same log position and it stays there.
     *
     * @return that position.
     */
    public long awaitQuiescent(final long timeoutMs)
    {
        final long deadline = System.currentTimeMillis() + timeoutMs;
        long stableSince = 0;
        long lastPosition = -1;
        while (System.currentTimeMillis() < deadline)
        {
            long position = -1;
            boolean same = true;
            for (final MasterNode node : nodes)
            {
                if (node == null)
                {
                    continue;
                }
                final long p = node.service().appliedLogPosition();
                same &= position == -1 || p == position;
                position = p;
            }
            if (same && position == lastPosition)
            {
                if (stableSince == 0)
                {
                    stableSince = System.currentTimeMillis();
                }
                else if (System.currentTimeMillis() - stableSince > 300)
                {
                    return position;
                }
            }
            else
            {
                stableSince = 0;
            }
            lastPosition = same ? position : -1;
            sleep(20);
        }
        throw new IllegalStateException("nodes did not settle on one log position within " + timeoutMs + " ms");
    }

    /**
     * Stop every node and return each one's engine state hash (-1 for a node not running).
     */
    public long[] stopAndHash()
    {
        final long[] hashes = new long[nodes.length];
        for (int i = 0; i < nodes.length; i++)
        {
            final MasterNode node = nodes[i];
            if (node == null)
            {
                hashes[i] = -1;
                continue;
            }
            stopNode(i);
            hashes[i] = node.service().engine().stateHash();
        }
        return hashes;
    }

    /**
     * Stop one node and return its engine's state hash.
     */
    public long stopAndHash(final int memberId)
    {
        final MasterNode node = nodes[memberId];
        stopNode(memberId);
        return node.service().engine().stateHash();
    }

    public static void sleep(final long millis)
    {
        try
        {
            Thread.sleep(millis);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /**
     * @return {@code 127.0.0.1:base} for each member, each base followed by free UDP ports.
     */
    public static List<String> freeMembers(final int size)
    {
        return io.gamehall.replication.LoopbackMembers.free(size);
    }
}
