package io.gamehall.perf.cluster;

import io.aeron.cluster.service.Cluster;
import io.gamehall.replication.MasterNode;
import io.gamehall.replication.RandomSecret;
import org.agrona.CloseHelper;
import org.agrona.IoUtil;

import java.io.File;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.UnaryOperator;

/**
 * Nodes of one cluster in this JVM, on loopback ports found free, each with its data
 * directory under a base directory that is deleted on close (the latency harness, and the
 * benchmarks of {@code perf/}).
 */
public final class InProcessCluster implements MeasuredCluster
{

    private final File baseDir;
    private final List<String> members;
    private final MasterNode[] nodes;

    private InProcessCluster(final File baseDir, final int size)
    {
        this.baseDir = baseDir;
        members = io.gamehall.replication.LoopbackMembers.free(size);
        nodes = new MasterNode[size];
    }

    /**
     * Start every node; does not wait for a leader.
     *
     * @param kind      the service the nodes host.
     * @param size      number of nodes.
     * @param baseDir   parent of the nodes' data directories; deleted on close.
     * @param aeronRoot parent of the nodes' media driver directories.
     * @param settings  applied to each node's context after member id, members and directories.
     * @return the running cluster.
     */
    public static InProcessCluster start(
        final ServiceKind kind,
        final int size,
        final File baseDir,
        final File aeronRoot,
        final UnaryOperator<MasterNode.Context> settings)
    {
        final InProcessCluster cluster = new InProcessCluster(baseDir, size);
        // the members' archives replicate from each other with one secret, random per run
        final String archiveSecret = RandomSecret.generate();
        try
        {
            for (int id = 0; id < size; id++)
            {
                cluster.nodes[id] = kind.launch(settings.apply(new MasterNode.Context()
                    .memberId(id)
                    .members(cluster.members)
                    .dataDir(new File(baseDir, "node-" + id))
                    .archiveSecret(archiveSecret)
                    .aeronDirectoryName(new File(aeronRoot, baseDir.getName() + "-node-" + id).getPath())));
            }
            return cluster;
        }
        catch (final RuntimeException ex)
        {
            cluster.close();
            throw ex;
        }
    }

    /**
     * @return the ingress endpoints clients connect to.
     */
    public String ingressEndpoints()
    {
        return MasterNode.Context.ingressEndpoints(members);
    }

    /**
     * @return the leader's member id, once there is one.
     * @throws IllegalStateException when no leader was elected in time.
     */
    public int awaitLeader(final long timeoutMs)
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (System.nanoTime() - deadline < 0)
        {
            for (int id = 0; id < nodes.length; id++)
            {
                if (Cluster.Role.get(nodes[id].consensusModuleContext().clusterNodeRoleCounter()) == Cluster.Role.LEADER)
                {
                    return id;
                }
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        throw new IllegalStateException("no leader elected within " + timeoutMs + " ms");
    }

    /**
     * @return a running node.
     */
    public MasterNode node(final int memberId)
    {
        return nodes[memberId];
    }

    /**
     * Stop the nodes (each deletes its media driver directory) and delete the data.
     */
    public void close()
    {
        for (int id = nodes.length - 1; id >= 0; id--)
        {
            CloseHelper.close(nodes[id]);
            nodes[id] = null;
        }
        IoUtil.delete(baseDir, true);
    }

}
