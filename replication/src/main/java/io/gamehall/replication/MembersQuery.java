package io.gamehall.replication;

import io.aeron.Aeron;
import io.aeron.ConcurrentPublication;
import io.aeron.FragmentAssembler;
import io.aeron.Subscription;
import io.aeron.cluster.ClusterMember;
import io.aeron.cluster.ClusterMembership;
import io.aeron.cluster.codecs.ClusterMembersExtendedResponseDecoder;
import io.aeron.cluster.codecs.MessageHeaderDecoder;
import io.aeron.cluster.service.ClusterNodeControlProperties;
import io.aeron.cluster.service.ConsensusModuleProxy;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.AgentInvoker;

import java.util.ArrayList;
import java.util.List;

/**
 * Asks this node's consensus module for its members and their log positions, as Aeron's
 * cluster tool does, but without blocking and without a client per question: one Aeron client
 * whose conductor runs on the caller's thread ({@link #poll()}), and a publication and
 * subscription on the node's control channel that stay open for as long as the query does. So
 * an answer always finds its asker (an answer the consensus module cannot deliver is an error
 * there, which restarts an election), and a slow answer costs nothing but its wait.
 */
final class MembersQuery implements AutoCloseable
{
    private final Aeron aeron;
    private final AgentInvoker conductor;
    private final Subscription subscription;
    private final ConcurrentPublication publication;
    private final ConsensusModuleProxy consensusModule;
    private final FragmentAssembler assembler = new FragmentAssembler(this::onFragment);
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final ClusterMembersExtendedResponseDecoder response = new ClusterMembersExtendedResponseDecoder();
    private long pendingCorrelationId = Long.MIN_VALUE;
    private ClusterMembership answer;

    /**
     * @param aeronDirectoryName the node's media driver.
     * @param control            the node's control channel and stream ids (from its mark file).
     * @param errorHandler       where the client's errors go (never the default, which may end the JVM).
     */
    MembersQuery(final String aeronDirectoryName, final ClusterNodeControlProperties control,
        final ErrorHandler errorHandler)
    {
        aeron = Aeron.connect(new Aeron.Context()
            .aeronDirectoryName(aeronDirectoryName)
            .useConductorAgentInvoker(true)
            .errorHandler(errorHandler)
            .subscriberErrorHandler(errorHandler));
        try
        {
            conductor = aeron.conductorAgentInvoker();
            subscription = aeron.addSubscription(control.controlChannel, control.serviceStreamId);
            publication = aeron.addPublication(control.controlChannel, control.consensusModuleStreamId);
            consensusModule = new ConsensusModuleProxy(publication);
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietClose(aeron);
            throw ex;
        }
    }

    /**
     * Send a question unless one is waiting for its answer.
     *
     * @return true when a question was sent now.
     */
    boolean ask()
    {
        if (pendingCorrelationId != Long.MIN_VALUE || !publication.isConnected() || !subscription.isConnected())
        {
            return false;
        }
        final long correlationId = aeron.nextCorrelationId();
        if (consensusModule.clusterMembersQuery(correlationId))
        {
            pendingCorrelationId = correlationId;
            return true;
        }
        return false;
    }

    /**
     * Forget the question waiting for its answer (its answer, if it comes, is read and dropped).
     */
    void giveUp()
    {
        pendingCorrelationId = Long.MIN_VALUE;
    }

    /**
     * @return whether a question waits for its answer.
     */
    boolean isAsking()
    {
        return pendingCorrelationId != Long.MIN_VALUE;
    }

    /**
     * Run the client's duty cycle and read what came.
     *
     * @return the answer to the last question once it came (then the query may ask again); null before.
     */
    ClusterMembership poll()
    {
        conductor.invoke();
        answer = null;
        subscription.poll(assembler, 10);
        return answer;
    }

    private void onFragment(final DirectBuffer buffer, final int offset, final int length,
        final io.aeron.logbuffer.Header frame)
    {
        header.wrap(buffer, offset);
        if (header.schemaId() != MessageHeaderDecoder.SCHEMA_ID ||
            header.templateId() != ClusterMembersExtendedResponseDecoder.TEMPLATE_ID)
        {
            return;
        }
        response.wrap(buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
        if (pendingCorrelationId == Long.MIN_VALUE || response.correlationId() != pendingCorrelationId)
        {
            return;
        }
        final ClusterMembership membership = new ClusterMembership();
        membership.currentTimeNs = response.currentTimeNs();
        membership.leaderMemberId = response.leaderMemberId();
        membership.memberId = response.memberId();
        final List<ClusterMember> active = new ArrayList<>();
        for (final ClusterMembersExtendedResponseDecoder.ActiveMembersDecoder member : response.activeMembers())
        {
            final long leadershipTermId = member.leadershipTermId();
            final long logPosition = member.logPosition();
            final long timeOfLastAppendNs = member.timeOfLastAppendNs();
            final int memberId = member.memberId();
            final ClusterMember clusterMember = new ClusterMember(memberId, member.ingressEndpoint(),
                member.consensusEndpoint(), member.logEndpoint(), member.catchupEndpoint(), member.archiveEndpoint(),
                "");
            clusterMember.leadershipTermId(leadershipTermId).logPosition(logPosition)
                .timeOfLastAppendPositionNs(timeOfLastAppendNs);
            active.add(clusterMember);
        }
        membership.activeMembers = active;
        pendingCorrelationId = Long.MIN_VALUE;
        answer = membership;
    }

    public void close()
    {
        CloseHelper.closeAll(publication, subscription, aeron);
    }
}
