package io.gamehall.master.support;

import io.gamehall.master.EngineConfig;
import io.gamehall.master.MasterEngine;
import io.gamehall.sbe.master.CommandResultDecoder;
import io.gamehall.sbe.master.MessageHeaderDecoder;
import org.agrona.ExpandableArrayBuffer;

import java.util.List;

/**
 * Drives one engine from tests: commands as text (see {@link CommandText}), a settable clock,
 * automatic request ids, and typed shortcuts for the usual set-up steps.
 */
public final class EngineDriver
{
    /** Outcome of a state-changing command. */
    public record Result(String code, long subjectId, long detailId)
    {
        public boolean ok()
        {
            return "OK".equals(code);
        }
    }

    private final RecordingOutput output = new RecordingOutput();
    private final MasterEngine engine;
    private final CommandText commandText = new CommandText();
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(1024);
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final CommandResultDecoder result = new CommandResultDecoder();
    private long now = 1_000;
    private long clientId = 1;
    private long requestId;

    public EngineDriver()
    {
        this(new EngineConfig().maxServers(64).maxUsers(1024).maxInstances(256).maxClients(64));
    }

    public EngineDriver(final EngineConfig config)
    {
        engine = new MasterEngine(config, output);
    }

    public MasterEngine engine()
    {
        return engine;
    }

    public RecordingOutput output()
    {
        return output;
    }

    public long now()
    {
        return now;
    }

    public EngineDriver at(final long time)
    {
        now = time;
        return this;
    }

    public EngineDriver advance(final long millis)
    {
        now += millis;
        return this;
    }

    public EngineDriver asClient(final long clientId)
    {
        this.clientId = clientId;
        return this;
    }

    public long lastRequestId()
    {
        return requestId;
    }

    /**
     * Send a command given in full (ids included) and return the lines it produced.
     */
    public List<String> raw(final String command)
    {
        final int mark = output.mark();
        final int length = commandText.encode(command, buffer, 0);
        engine.apply(buffer, 0, length, now);
        return output.since(mark);
    }

    /**
     * Send a state-changing command, adding this driver's client id and the next request id.
     */
    public Result send(final String command)
    {
        requestId++;
        raw(command + " clientId=" + clientId + " requestId=" + requestId);
        return lastResult();
    }

    /**
     * Send a query, adding this driver's ids, and return the rendered response.
     */
    public String query(final String command)
    {
        requestId++;
        final List<String> lines = raw(command + " clientId=" + clientId + " requestId=" + requestId);
        return lines.get(lines.size() - 1);
    }

    /**
     * Fire the liveness timer at the current time.
     */
    public List<String> fireTimer()
    {
        final int mark = output.mark();
        engine.onTimer(MasterEngine.LIVENESS_TIMER_ID, now);
        return output.since(mark);
    }

    public Result lastResult()
    {
        header.wrap(output.lastResponse(), 0);
        if (header.templateId() != CommandResultDecoder.TEMPLATE_ID)
        {
            throw new IllegalStateException("last response is not a CommandResult: " + output.lines());
        }
        result.wrap(output.lastResponse(), MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
        return new Result(result.code().name(), result.subjectId(), result.detailId());
    }

    public long registerHost(final String name, final int capacity, final String gameTypes)
    {
        return expectOk(send("RegisterServer role=GAME_HOST capacity=" + capacity + " gameTypes=" + gameTypes +
            " name=" + name + " endpoint=aeron:udp?endpoint=127.0.0.1:40001 softwareVersion=0.1.0")).subjectId();
    }

    public long registerGateway(final String name)
    {
        return expectOk(send("RegisterServer role=GATEWAY capacity=1000 name=" + name +
            " endpoint=ws://127.0.0.1:8080/game softwareVersion=0.1.0")).subjectId();
    }

    public long registerMatchmaker(final String name)
    {
        return expectOk(send("RegisterServer role=MATCHMAKER capacity=100000 name=" + name +
            " endpoint=aeron:udp?endpoint=127.0.0.1:40002 softwareVersion=0.1.0")).subjectId();
    }

    public Result match(final long matchmakerId, final long matchId, final int gameType, final long... players)
    {
        final StringBuilder list = new StringBuilder();
        for (final long player : players)
        {
            list.append(list.length() == 0 ? "" : ",").append(player);
        }
        return send("CreateMatch matchmakerId=" + matchmakerId + " matchId=" + matchId + " gameType=" + gameType +
            (players.length == 0 ? "" : " players=" + list));
    }

    public Result checkIn(final long gatewayId, final long userId, final String name)
    {
        return send("CheckInUser gatewayId=" + gatewayId + " userId=" + userId + " userName=" + name);
    }

    public Result create(final long ownerId, final int gameType, final int maxPlayers)
    {
        return send("CreateInstance ownerId=" + ownerId + " gameType=" + gameType + " maxPlayers=" + maxPlayers);
    }

    public Result join(final long userId, final long instanceId)
    {
        return send("JoinInstance userId=" + userId + " instanceId=" + instanceId);
    }

    public Result leave(final long userId, final long instanceId)
    {
        return send("LeaveInstance userId=" + userId + " instanceId=" + instanceId);
    }

    public Result ready(final long hostId, final long instanceId)
    {
        return send("InstanceReady hostId=" + hostId + " instanceId=" + instanceId);
    }

    public Result heartbeat(final long serverId, final int load)
    {
        return send("ServerHeartbeat serverId=" + serverId + " load=" + load);
    }

    public static Result expectOk(final Result result)
    {
        if (!result.ok())
        {
            throw new AssertionError("expected OK but was " + result);
        }
        return result;
    }

    /**
     * @return null when every directory's indexes agree with its data, else the first problem.
     */
    public String verifyIndexes()
    {
        String problem = engine.servers().verifyIndexes();
        if (problem == null)
        {
            problem = engine.users().verifyIndexes();
        }
        if (problem == null)
        {
            problem = engine.instances().verifyIndexes();
        }
        return problem;
    }
}
