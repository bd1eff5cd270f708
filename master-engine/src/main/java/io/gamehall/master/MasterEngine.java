package io.gamehall.master;

import io.gamehall.master.directory.InstanceDirectory;
import io.gamehall.master.directory.ServerDirectory;
import io.gamehall.master.directory.UserDirectory;
import io.gamehall.sbe.master.MessageHeaderDecoder;
import io.gamehall.sbe.master.ResultCode;
import org.agrona.DirectBuffer;

/**
 * The master: a deterministic state machine over the Server, User and Instance directories.
 * <p>
 * Input is {@link #apply(DirectBuffer, int, int, long)} with an SBE-encoded command and the
 * cluster timestamp, and {@link #onTimer(long, long)}; output is the {@link EngineOutput}.
 * Every command gets exactly one response. The engine uses no clock, no randomness, no
 * threads and no I/O, and it never iterates anything whose order the commands did not
 * decide, so two engines fed the same input produce the same output and the same
 * {@link #stateHash()}.
 * <p>
 * State-changing commands carry {@code (clientId, requestId)}; a retry of an applied request
 * is answered with the recorded result and changes nothing (see {@link ClientTable}).
 * Bad input is answered with a result code of its own and changes nothing; nothing throws out
 * of {@code apply}.
 * <p>
 * This class is the facade and holds the state snapshots and the state hash cover; the work is
 * done by role classes: {@link CommandAdapter} decodes, {@link ExactlyOnce} remembers,
 * {@link ServerCommands}, {@link UserCommands}, {@link InstanceCommands}, {@link MatchCommands} and {@link Queries}
 * decide, {@link Liveness} and {@link Placement} handle servers lost and instances moved, and
 * {@link EgressPublisher} encodes.
 * <p>
 * Not thread safe: one thread drives an engine.
 */
public final class MasterEngine
{
    /** Schema id of the commands this engine reads. */
    public static final int SCHEMA_ID = MessageHeaderDecoder.SCHEMA_ID;
    /** Schema version this engine writes; it reads this one, older ones and the next. */
    public static final int SCHEMA_VERSION = MessageHeaderDecoder.SCHEMA_VERSION;
    /**
     * Version of {@link #stateHash()}: 2, order-independent (no sort). Version 1, which sorts the
     * ids, is still computed by {@link #stateHash(int)} for the hashes old journals and
     * snapshots recorded.
     */
    public static final int STATE_HASH_VERSION = StateHash.VERSION_2;
    /** Correlation id of the one timer the engine uses: the server liveness sweep. */
    public static final long LIVENESS_TIMER_ID = 1;

    private final EngineConfig config;
    final ServerDirectory servers;
    final UserDirectory users;
    final InstanceDirectory instances;
    final ClientTable clients;
    long nextServerId = 1;
    long nextInstanceId = 1;
    long livenessDeadline = -1;

    private final Liveness liveness;
    private final CommandAdapter adapter;

    /**
     * @param config limits and timeouts; concluded here.
     * @param output where responses, events and timer requests go.
     */
    public MasterEngine(final EngineConfig config, final EngineOutput output)
    {
        this.config = config.conclude();
        final EgressPublisher egress = new EgressPublisher(output);
        servers = new ServerDirectory(config.maxServers());
        users = new UserDirectory(config.maxUsers());
        instances = new InstanceDirectory(config.maxInstances());
        clients = new ClientTable(config.dedupWindow(), config.maxClients());

        final ExactlyOnce exactlyOnce = new ExactlyOnce(clients, egress);
        final Placement placement = new Placement(servers, users, instances, egress, config.maxPlayersPerInstance());
        liveness = new Liveness(this, servers, users, placement, egress, output, this.config);
        adapter = new CommandAdapter(
            exactlyOnce,
            egress,
            new ServerCommands(this, exactlyOnce, servers, liveness, placement, egress),
            new UserCommands(exactlyOnce, servers, users, instances, egress),
            new InstanceCommands(this, this.config, exactlyOnce, servers, users, instances, placement, egress),
            new MatchCommands(this, this.config, exactlyOnce, servers, users, instances, egress),
            new Queries(this.config, servers, users, instances, egress));
    }

    public EngineConfig config()
    {
        return config;
    }

    public ServerDirectory servers()
    {
        return servers;
    }

    public UserDirectory users()
    {
        return users;
    }

    public InstanceDirectory instances()
    {
        return instances;
    }

    /**
     * @param clientId a client id.
     * @return whether the exactly-once memory holds this client.
     */
    public boolean remembersClient(final long clientId)
    {
        return clients.get(clientId) != null;
    }

    /**
     * @return the deadline of the pending liveness timer, or -1 when none is pending.
     */
    public long livenessTimerDeadline()
    {
        return livenessDeadline;
    }

    /**
     * Apply one command.
     *
     * @param buffer    holding the command, SBE header first.
     * @param offset    where it starts.
     * @param length    its length.
     * @param timestamp cluster time in milliseconds; the engine's only notion of time.
     */
    public void apply(final DirectBuffer buffer, final int offset, final int length, final long timestamp)
    {
        adapter.onCommand(buffer, offset, length, timestamp);
    }

    /**
     * Answer a command with a refusal and change nothing: the response its kind of command gets
     * (a page, an info or a command result), carrying this code and, when they are readable,
     * the command's client and request ids. For commands refused before the engine, such as
     * by the master's authorization.
     *
     * @param buffer    holding the command, SBE header first.
     * @param offset    where it starts.
     * @param length    its length.
     * @param code      why it is refused.
     */
    public void refuse(final DirectBuffer buffer, final int offset, final int length, final ResultCode code)
    {
        adapter.refuse(buffer, offset, length, code);
    }

    /**
     * A timer the engine asked for is due.
     *
     * @param correlationId the timer's id.
     * @param timestamp     cluster time in milliseconds.
     */
    public void onTimer(final long correlationId, final long timestamp)
    {
        if (correlationId != LIVENESS_TIMER_ID)
        {
            return;
        }
        liveness.onTimer(timestamp);
    }

    /**
     * @return 64-bit hash of the whole state in the {@link #STATE_HASH_VERSION current version};
     *     equal states hash equal on every JVM.
     */
    public long stateHash()
    {
        return StateHash.version2(this);
    }

    /**
     * @param version a state hash version, 1 or 2: what a journal or snapshot recorded.
     * @return 64-bit hash of the whole state in that version.
     * @throws IllegalArgumentException for a version this engine does not know.
     */
    public long stateHash(final int version)
    {
        return StateHash.of(this, version);
    }

    /**
     * @param version a state hash version.
     * @return whether {@link #stateHash(int)} knows it.
     */
    public static boolean knowsStateHashVersion(final int version)
    {
        return version == StateHash.VERSION_1 || version == StateHash.VERSION_2;
    }
}
