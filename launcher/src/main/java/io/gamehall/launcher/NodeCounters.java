package io.gamehall.launcher;

import io.aeron.AeronCounters;
import io.aeron.CncFileDescriptor;
import io.aeron.cluster.ElectionState;
import io.aeron.cluster.service.Cluster;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersReader;

import java.io.File;
import java.nio.MappedByteBuffer;

/**
 * A master node's role, election state, leadership term and commit position read straight from the counters
 * of its media driver ({@code cnc.dat}), without connecting a client: cheap enough to poll
 * every few milliseconds, which {@link FailoverKillLoop} does to time elections and rejoins.
 * The mapping is read-only and belongs to one start of the node (a node gets a new media
 * driver directory each start).
 */
final class NodeCounters implements AutoCloseable
{
    private final File cncFile;
    private MappedByteBuffer mapped;
    private CountersReader counters;
    private int roleId = -1;
    private int electionId = -1;
    private int commitId = -1;
    private int termId = -1;

    NodeCounters(final File aeronDirectory)
    {
        this.cncFile = new File(aeronDirectory, CncFileDescriptor.CNC_FILE);
    }

    /**
     * @return the role, or null while the node's consensus module has not started.
     */
    Cluster.Role role()
    {
        return find() ? Cluster.Role.get(counters.getCounterValue(roleId)) : null;
    }

    /**
     * @return the election state, or null while the node's consensus module has not started.
     */
    ElectionState electionState()
    {
        return find() ? ElectionState.get(counters.getCounterValue(electionId)) : null;
    }

    /**
     * @return the commit position, or -1 while the node's consensus module has not started.
     */
    long commitPosition()
    {
        return find() ? counters.getCounterValue(commitId) : -1;
    }

    /**
     * @return the leadership term the node is in, or -1 when its consensus module does not say.
     */
    long leadershipTermId()
    {
        return find() && termId >= 0 ? counters.getCounterValue(termId) : -1;
    }

    /**
     * @return true for a follower or leader that is not in an election.
     */
    boolean isSettled()
    {
        final Cluster.Role role = role();
        return role != null && role != Cluster.Role.CANDIDATE && electionState() == ElectionState.CLOSED;
    }

    private boolean find()
    {
        if (roleId >= 0 && electionId >= 0 && commitId >= 0)
        {
            return true;
        }
        if (counters == null)
        {
            if (!cncFile.isFile() || cncFile.length() < CncFileDescriptor.META_DATA_LENGTH)
            {
                return false;
            }
            mapped = IoUtil.mapExistingFile(cncFile, "cnc");
            final UnsafeBuffer meta = CncFileDescriptor.createMetaDataBuffer(mapped);
            if (meta.getIntVolatile(CncFileDescriptor.cncVersionOffset(0)) == 0)
            {
                IoUtil.unmap(mapped);
                mapped = null;
                return false;
            }
            counters = new CountersReader(
                CncFileDescriptor.createCountersMetaDataBuffer(mapped, meta),
                CncFileDescriptor.createCountersValuesBuffer(mapped, meta));
        }
        counters.forEach((counterId, typeId, keyBuffer, label) ->
        {
            switch (typeId)
            {
                case AeronCounters.CLUSTER_NODE_ROLE_TYPE_ID -> roleId = counterId;
                case AeronCounters.CLUSTER_ELECTION_STATE_TYPE_ID -> electionId = counterId;
                case AeronCounters.CLUSTER_COMMIT_POSITION_TYPE_ID -> commitId = counterId;
                case AeronCounters.CLUSTER_LEADERSHIP_TERM_ID_TYPE_ID -> termId = counterId;
                default ->
                {
                }
            }
        });
        if (roleId >= 0 && electionId >= 0 && commitId >= 0)
        {
            return true;
        }
        // a driver that was started and closed again (e.g. while mark files expired) leaves a
        // deleted file behind this mapping: map the file again next time
        close();
        return false;
    }

    public void close()
    {
        if (mapped != null)
        {
            IoUtil.unmap(mapped);
            mapped = null;
            counters = null;
        }
        roleId = -1;
        electionId = -1;
        commitId = -1;
        termId = -1;
    }
}
