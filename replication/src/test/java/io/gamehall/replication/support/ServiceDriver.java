package io.gamehall.replication.support;

import io.aeron.DirectBufferVector;
import io.aeron.cluster.service.ClientSession;
import io.aeron.logbuffer.BufferClaim;
import io.gamehall.master.support.CommandText;
import io.gamehall.master.text.MessageText;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;

import java.util.ArrayList;
import java.util.List;

/**
 * Drives a {@code MasterService} without a cluster, as the log would: sessions with a principal
 * send commands written as text; what each session is sent (answers and events) is kept as text.
 * The service is reached through the {@link Target} its test package implements, since its
 * entry points are package-private.
 */
public final class ServiceDriver
{
    /**
     * What a test in the service's package hands over: its apply entry point.
     */
    public interface Target
    {
        void apply(ClientSession session, long position, long timestamp, DirectBuffer buffer, int offset, int length);

        void sessionClosed(long sessionId);

        long stateHash();
    }

    /**
     * A cluster session of a client: it records everything offered to it.
     */
    public static final class Session implements ClientSession
    {
        private final long id;
        private final byte[] principal;
        private final long clientId;
        private final List<String> received = new ArrayList<>();
        private long nextRequestId = 1;

        Session(final long id, final byte[] principal, final long clientId)
        {
            this.id = id;
            this.principal = principal;
            this.clientId = clientId;
        }

        public long clientId()
        {
            return clientId;
        }

        public List<String> received()
        {
            return received;
        }

        public String last()
        {
            return received.isEmpty() ? "" : received.get(received.size() - 1);
        }

        public long id()
        {
            return id;
        }

        public int responseStreamId()
        {
            return 0;
        }

        public String responseChannel()
        {
            return "";
        }

        public byte[] encodedPrincipal()
        {
            return principal;
        }

        public void close()
        {
        }

        public boolean isClosing()
        {
            return false;
        }

        public long offer(final DirectBuffer buffer, final int offset, final int length)
        {
            received.add(MessageText.render(buffer, offset, length));
            return 1;
        }

        public long offer(final DirectBufferVector[] vectors)
        {
            throw new UnsupportedOperationException();
        }

        public long tryClaim(final int length, final BufferClaim bufferClaim)
        {
            throw new UnsupportedOperationException();
        }
    }

    private final Target target;
    private final CommandText commandText = new CommandText();
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(1024);
    private long nextSessionId = 1;
    private long position;
    private long now = 1_000;

    public ServiceDriver(final Target target)
    {
        this.target = target;
    }

    /**
     * @return a new session with this principal, as the authenticator would encode it.
     */
    public Session session(final byte[] principal, final long clientId)
    {
        return new Session(nextSessionId++, principal, clientId);
    }

    /**
     * Send a command from a session with the session's client id and its next request id
     * (unless the text sets them).
     *
     * @return the answer the session got, rendered.
     */
    public String send(final Session session, final String command)
    {
        String line = command;
        if (!line.contains("clientId="))
        {
            line += " clientId=" + session.clientId;
        }
        if (!line.contains("requestId="))
        {
            line += " requestId=" + session.nextRequestId++;
        }
        final int length = commandText.encode(line, buffer, 0);
        final int before = session.received.size();
        target.apply(session, position += 64, now, buffer, 0, length);
        if (session.received.size() == before)
        {
            throw new IllegalStateException("no answer to " + line);
        }
        return session.received.get(before);
    }

    /**
     * @return the subject id of an OK answer, failing otherwise.
     */
    public long ok(final Session session, final String command)
    {
        final String answer = send(session, command);
        if (!answer.contains("code=OK"))
        {
            throw new IllegalStateException(command + " -> " + answer);
        }
        return io.gamehall.replication.support.MasterCalls.field(answer, "subjectId");
    }

    public void close(final Session session)
    {
        target.sessionClosed(session.id);
    }

    public long stateHash()
    {
        return target.stateHash();
    }
}
