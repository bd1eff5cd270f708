package io.gamehall.replication.client;

import io.aeron.Aeron;
import io.aeron.cluster.client.AeronCluster;
import io.aeron.cluster.client.EgressListener;
import io.aeron.driver.MediaDriver;
import io.gamehall.aeron.IdleSettings;
import io.gamehall.aeron.LocalMediaDriver;
import io.gamehall.replication.ClientRole;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.AgentRunner;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * What gateways, hosts and tools use to talk to the master cluster.
 * <p>
 * One agent thread ({@link MasterClientAgent}) owns the {@link AeronCluster} and keeps polling
 * its egress, which is also what lets Aeron follow a new leader. Any thread submits commands
 * with {@link #offer(long, DirectBuffer, int, int)}: they are copied into a queue, so the caller
 * never blocks and nothing is allocated per request. The agent gives each command the client's
 * id and the next request id, sends it, and keeps a copy until its response arrives; after a
 * leader change or a reconnect it sends every unanswered command again, which the master's
 * exactly-once rule makes safe. Responses, timeouts, events and connection changes go to the
 * {@link MasterClientListener}, on the agent thread.
 * <p>
 * The client id is chosen once per client (randomly unless configured) and kept across
 * reconnects, so retries are recognised; it is part of the client's credentials, and the
 * master refuses commands that carry another. Request ids count up from a start that grows
 * with the time the client started ({@link Context#firstRequestId(long)}): a client restarted
 * with the same configured id is recognised as new, never answered from its previous run's
 * memory nor refused as too old.
 */
public final class MasterClient implements AutoCloseable
{
    /**
     * Term length of this client's commands to the master and of the master's answers and events to it (the cluster
     * publishes on the egress channel the client names). Aeron's default, 16 MB, made each client's egress log grow
     * to 48 MB of memory on both machines once it had gone round; commands, answers and events are small.
     */
    public static final int TERM_LENGTH = 4 * 1024 * 1024;

    private final Context ctx;
    private final MediaDriver driver;
    private final Aeron aeron;
    private final MasterClientAgent agent;
    private final AgentRunner runner;

    private MasterClient(final Context ctx)
    {
        this.ctx = ctx;
        MediaDriver mediaDriver = null;
        Aeron client = null;
        try
        {
            String aeronDir = ctx.aeronDirectoryName;
            if (aeronDir == null)
            {
                mediaDriver = LocalMediaDriver.launch("client", ctx.idle);
                aeronDir = mediaDriver.aeronDirectoryName();
            }
            client = Aeron.connect(new Aeron.Context().aeronDirectoryName(aeronDir));
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietCloseAll(client, mediaDriver);
            throw ex;
        }
        driver = mediaDriver;
        aeron = client;
        agent = new MasterClientAgent(ctx, aeron);
        runner = new AgentRunner(ctx.idle.newStrategy(), ctx.errorHandler(), null, agent);
        AgentRunner.startOnThread(runner);
    }

    /**
     * Start a client; it connects in the background and tells its listener when it is connected.
     *
     * @param ctx configuration; concluded here.
     * @return the running client.
     */
    public static MasterClient launch(final Context ctx)
    {
        return new MasterClient(ctx.conclude());
    }

    /**
     * @return this client's id, carried by every command it sends.
     */
    public long clientId()
    {
        return ctx.clientId;
    }

    /**
     * @return the request id of this client's first command.
     */
    public long firstRequestId()
    {
        return ctx.firstRequestId;
    }

    /**
     * @return true while the client has a session with the cluster.
     */
    public boolean isConnected()
    {
        return agent.isConnected();
    }

    /**
     * @return commands submitted and not yet answered or timed out.
     */
    public int inFlight()
    {
        return agent.inFlight();
    }

    /**
     * @return the member id of the leader the client last heard of, or -1.
     */
    public int leaderMemberId()
    {
        return agent.leaderMemberId();
    }

    /**
     * Queue a command. Its clientId and requestId fields (the first two of every command) are
     * overwritten by the agent. Safe from any thread; copies the bytes and returns at once.
     *
     * @param tag    the caller's own correlation, handed back with the response.
     * @param buffer holding the SBE-encoded command, header first.
     * @param offset where it starts.
     * @param length its length, at most {@link Context#maxCommandLength()}.
     * @return false when the queue is full or the command too long: back-pressure, try again later.
     */
    public boolean offer(final long tag, final DirectBuffer buffer, final int offset, final int length)
    {
        return agent.enqueue(tag, buffer, offset, length);
    }

    /**
     * Ask again for a command whose outcome was reported unknown
     * ({@link MasterClientListener#onOutcomeUnknown}), with the request id it had: the master
     * answers from its exactly-once memory if it applied it, and applies it otherwise. The answer
     * comes to {@link MasterClientListener#onResponse} with this tag, or the outcome is reported
     * unknown again. Safe from any thread.
     *
     * @param tag       the caller's own correlation.
     * @param requestId the request id the outcome report gave.
     * @param buffer    holding the same command, header first (its ids are overwritten).
     * @param offset    where it starts.
     * @param length    its length.
     * @return false when the request id was not one of this client's, the queue is full, or more
     * than {@value MasterClientAgent#MAX_REASKS} commands are being asked again.
     */
    public boolean reask(final long tag, final long requestId, final DirectBuffer buffer, final int offset, final int length)
    {
        return agent.enqueueReask(tag, requestId, buffer, offset, length);
    }

    /**
     * Ask the cluster to take a snapshot; needs the admin role.
     *
     * @return false when not connected.
     */
    public boolean requestSnapshot()
    {
        return agent.enqueueSnapshotRequest();
    }

    /**
     * Stop the agent, close the session and the embedded media driver, if any.
     */
    public void close()
    {
        CloseHelper.closeAll(runner, aeron, driver);
    }

    /**
     * Configuration of a {@link MasterClient}.
     */
    public static final class Context
    {
        /** Bits of a request id below the start time: see {@link #requestIdEpoch(long)}. */
        public static final int REQUEST_ID_EPOCH_SHIFT = 20;
        private String ingressEndpoints = "0=127.0.0.1:9010";
        private String egressHost = "127.0.0.1";
        private ClientRole role;
        private String secret;
        private long clientId;
        private long firstRequestId;
        private String aeronDirectoryName;
        private int maxInFlight = 256;
        private int maxCommandLength = 1024;
        private int queueCapacity = 1 << 20;
        private long requestTimeoutMs = 10_000;
        private long messageTimeoutMs = 5_000;
        private long maxReconnectBackoffMs = 2_000;
        private IdleSettings idle = IdleSettings.DEFAULT;
        private MasterClientListener listener;
        private org.agrona.ErrorHandler errorHandler;
        private boolean concluded;

        /**
         * @param ingressEndpoints the members' ingress endpoints, {@code 0=host:port,1=host:port,...}.
         * @return this.
         */
        public Context ingressEndpoints(final String ingressEndpoints)
        {
            this.ingressEndpoints = ingressEndpoints;
            return this;
        }

        public String ingressEndpoints()
        {
            return ingressEndpoints;
        }

        /**
         * @param egressHost the local address responses come back to (a free port is chosen).
         * @return this.
         */
        public Context egressHost(final String egressHost)
        {
            this.egressHost = egressHost;
            return this;
        }

        public String egressHost()
        {
            return egressHost;
        }

        public Context role(final ClientRole role)
        {
            this.role = role;
            return this;
        }

        public ClientRole role()
        {
            return role;
        }

        public Context secret(final String secret)
        {
            this.secret = secret;
            return this;
        }

        String secret()
        {
            return secret;
        }

        /**
         * @param clientId this client's id, positive and stable for its lifetime; random by default.
         * @return this.
         */
        public Context clientId(final long clientId)
        {
            this.clientId = clientId;
            return this;
        }

        public long clientId()
        {
            return clientId;
        }

        /**
         * @param firstRequestId the request id of the first command, positive; by default
         *                       {@link #requestIdEpoch(long)} of the time the client starts, so
         *                       that a restart of a client with a configured id starts above
         *                       every request id its previous runs used.
         * @return this.
         */
        public Context firstRequestId(final long firstRequestId)
        {
            this.firstRequestId = firstRequestId;
            return this;
        }

        public long firstRequestId()
        {
            return firstRequestId;
        }

        /**
         * The first request id of a client started at this time: the time in milliseconds,
         * shifted left by {@link #REQUEST_ID_EPOCH_SHIFT} bits. A run stays below the next run's
         * start unless it sends more than about a million commands per millisecond it runs,
         * which no master takes; ids stay positive until the year 2248.
         *
         * @param epochMs wall-clock time in milliseconds.
         * @return the first request id.
         */
        public static long requestIdEpoch(final long epochMs)
        {
            return (epochMs << REQUEST_ID_EPOCH_SHIFT) + 1;
        }

        /**
         * @param aeronDirectoryName an external media driver to use; by default the client runs its own.
         * @return this.
         */
        public Context aeronDirectoryName(final String aeronDirectoryName)
        {
            this.aeronDirectoryName = aeronDirectoryName;
            return this;
        }

        /**
         * @param maxInFlight commands sent and not yet answered; a power of two that must not
         *                    exceed the master's dedup window, or retries after a leader change
         *                    could be refused as too old.
         * @return this.
         */
        public Context maxInFlight(final int maxInFlight)
        {
            this.maxInFlight = maxInFlight;
            return this;
        }

        public int maxInFlight()
        {
            return maxInFlight;
        }

        public Context maxCommandLength(final int maxCommandLength)
        {
            this.maxCommandLength = maxCommandLength;
            return this;
        }

        public int maxCommandLength()
        {
            return maxCommandLength;
        }

        /**
         * @param queueCapacity bytes of the submission queue, a power of two.
         * @return this.
         */
        public Context queueCapacity(final int queueCapacity)
        {
            this.queueCapacity = queueCapacity;
            return this;
        }

        public int queueCapacity()
        {
            return queueCapacity;
        }

        /**
         * @param requestTimeoutMs a command unanswered this long is reported as timed out.
         * @return this.
         */
        public Context requestTimeoutMs(final long requestTimeoutMs)
        {
            this.requestTimeoutMs = requestTimeoutMs;
            return this;
        }

        public long requestTimeoutMs()
        {
            return requestTimeoutMs;
        }

        /**
         * @param messageTimeoutMs how long one connection attempt may take.
         * @return this.
         */
        public Context messageTimeoutMs(final long messageTimeoutMs)
        {
            this.messageTimeoutMs = messageTimeoutMs;
            return this;
        }

        public long messageTimeoutMs()
        {
            return messageTimeoutMs;
        }

        public Context maxReconnectBackoffMs(final long maxReconnectBackoffMs)
        {
            this.maxReconnectBackoffMs = maxReconnectBackoffMs;
            return this;
        }

        public long maxReconnectBackoffMs()
        {
            return maxReconnectBackoffMs;
        }

        /**
         * @param idle how the client's thread (and the media driver it starts when given no directory) waits
         *             when it finds no work; default {@link IdleSettings#DEFAULT}, the back-off.
         * @return this.
         */
        public Context idle(final IdleSettings idle)
        {
            this.idle = idle;
            return this;
        }

        public IdleSettings idle()
        {
            return idle;
        }

        public Context listener(final MasterClientListener listener)
        {
            this.listener = listener;
            return this;
        }

        public MasterClientListener listener()
        {
            return listener;
        }

        public Context errorHandler(final org.agrona.ErrorHandler errorHandler)
        {
            this.errorHandler = errorHandler;
            return this;
        }

        public org.agrona.ErrorHandler errorHandler()
        {
            return errorHandler;
        }

        /**
         * Validate and fill defaults.
         *
         * @return this.
         */
        public Context conclude()
        {
            if (concluded)
            {
                return this;
            }
            if (role == null || secret == null)
            {
                throw new IllegalArgumentException("a master client needs a role and its secret");
            }
            if (listener == null)
            {
                throw new IllegalArgumentException("a master client needs a listener");
            }
            if (Integer.bitCount(maxInFlight) != 1 || Integer.bitCount(queueCapacity) != 1)
            {
                throw new IllegalArgumentException("maxInFlight and queueCapacity must be powers of two");
            }
            if (maxCommandLength < 64 || requestTimeoutMs < 1 || messageTimeoutMs < 1)
            {
                throw new IllegalArgumentException("bad command length or timeouts");
            }
            if (clientId == 0)
            {
                clientId = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
            }
            if (clientId < 0)
            {
                throw new IllegalArgumentException("clientId must be positive: " + clientId);
            }
            if (firstRequestId == 0)
            {
                firstRequestId = requestIdEpoch(System.currentTimeMillis());
            }
            if (firstRequestId < 0)
            {
                throw new IllegalArgumentException("firstRequestId must be positive: " + firstRequestId);
            }
            if (errorHandler == null)
            {
                final MasterClientListener l = listener;
                errorHandler = l::onError;
            }
            concluded = true;
            return this;
        }

        AeronCluster.Context clusterContext(final Aeron aeron, final EgressListener egressListener)
        {
            final byte[] credentials = role.credentials(clientId, secret);
            return new AeronCluster.Context()
                .aeron(aeron)
                .ownsAeronClient(false)
                .ingressEndpoints(ingressEndpoints)
                .ingressChannel("aeron:udp?term-length=" + TERM_LENGTH)
                .egressChannel("aeron:udp?endpoint=" + egressHost + ":0|term-length=" + TERM_LENGTH)
                .messageTimeoutNs(TimeUnit.MILLISECONDS.toNanos(messageTimeoutMs))
                .credentialsSupplier(new io.aeron.security.CredentialsSupplier()
                {
                    public byte[] encodedCredentials()
                    {
                        return credentials;
                    }

                    public byte[] onChallenge(final byte[] encodedChallenge)
                    {
                        return new byte[0];
                    }
                })
                .egressListener(egressListener);
        }
    }
}
