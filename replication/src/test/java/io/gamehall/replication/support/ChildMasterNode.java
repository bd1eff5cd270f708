package io.gamehall.replication.support;

import io.gamehall.replication.LoopbackMembers;
import io.gamehall.replication.MasterNode;

import java.io.File;
import java.util.List;

/**
 * A single-node master in a JVM of its own ({@link ChildJvm}), so that a test can kill or stop
 * its process: {@code ChildMasterNode <data dir>}; prints {@code READY <pid>} once it runs.
 */
public final class ChildMasterNode
{
    private ChildMasterNode()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final List<String> members = LoopbackMembers.free(1);
        final MasterNode node;
        try
        {
            node = MasterNode.launch(new MasterNode.Context()
                .members(members)
                .dataDir(new File(args[0]))
                .secrets(TestCluster.SECRETS)
                .logTermLength(256 * 1024)
                .archiveSegmentLength(1024 * 1024)
                .snapshotIntervalMs(0)
                .engineConfig(TestCluster.engineConfig()));
        }
        catch (final Throwable ex)
        {
            // the journal writer's thread would keep the JVM, and the test waiting for READY, alive
            ex.printStackTrace();
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(node::close));
        System.out.println("READY " + ProcessHandle.current().pid());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
