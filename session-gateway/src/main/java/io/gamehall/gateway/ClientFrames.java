package io.gamehall.gateway;

import io.gamehall.sbe.client.ClientCode;
import io.gamehall.sbe.client.CloseCause;
import io.gamehall.sbe.client.GameAckEncoder;
import io.gamehall.sbe.client.GameErrorEncoder;
import io.gamehall.sbe.client.GameEventEncoder;
import io.gamehall.sbe.client.GatewayListEncoder;
import io.gamehall.sbe.client.HelloReplyEncoder;
import io.gamehall.sbe.client.HistoryResultEncoder;
import io.gamehall.sbe.client.InstanceClosedEncoder;
import io.gamehall.sbe.client.InstanceMovedEncoder;
import io.gamehall.sbe.client.InstanceResultEncoder;
import io.gamehall.sbe.client.KickCause;
import io.gamehall.sbe.client.KickedEncoder;
import io.gamehall.sbe.client.DrainingEncoder;
import io.gamehall.sbe.client.LoginResultEncoder;
import io.gamehall.sbe.client.MessageHeaderEncoder;
import io.gamehall.sbe.client.PlayerPresenceEncoder;
import io.gamehall.sbe.client.ProtocolErrorEncoder;
import io.gamehall.sbe.client.ResultEncoder;
import io.gamehall.sbe.client.ResumeKind;
import io.gamehall.sbe.client.SearchResultEncoder;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;

import java.util.List;

/**
 * Gateway-to-client frames of the client protocol (schema 7107). The static methods encode
 * into a fresh byte array, safe from any thread (every thread has its own encoders): answers
 * and rare events. Game events and acknowledgements, one per relayed message, are encoded by
 * an instance of a thread's own into its {@link #buffer()} instead, with no allocation.
 */
final class ClientFrames
{
    /**
     * One live gateway as clients see it.
     */
    record GatewayEntry(long serverId, String url)
    {
    }

    /**
     * One search hit.
     */
    record InstanceEntry(long instanceId, int gameType, io.gamehall.sbe.client.InstancePhase phase, long ownerId,
        int maxPlayers, int playerCount, int region, int mode, int ratingBand)
    {
    }

    /**
     * One finished game of a user.
     */
    record GameEntry(long gameId, int gameType, long endTimeMs, io.gamehall.sbe.client.Outcome outcome)
    {
    }

    private static final ThreadLocal<ClientFrames> LOCAL = ThreadLocal.withInitial(ClientFrames::new);

    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(1024);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final HelloReplyEncoder helloReply = new HelloReplyEncoder();
    private final ResultEncoder result = new ResultEncoder();
    private final LoginResultEncoder loginResult = new LoginResultEncoder();
    private final InstanceResultEncoder instanceResult = new InstanceResultEncoder();
    private final SearchResultEncoder searchResult = new SearchResultEncoder();
    private final HistoryResultEncoder historyResult = new HistoryResultEncoder();
    private final GatewayListEncoder gatewayList = new GatewayListEncoder();
    private final PlayerPresenceEncoder presence = new PlayerPresenceEncoder();
    private final GameEventEncoder gameEvent = new GameEventEncoder();
    private final GameAckEncoder gameAck = new GameAckEncoder();
    private final GameErrorEncoder gameError = new GameErrorEncoder();
    private final InstanceClosedEncoder instanceClosed = new InstanceClosedEncoder();
    private final InstanceMovedEncoder instanceMoved = new InstanceMovedEncoder();
    private final KickedEncoder kicked = new KickedEncoder();
    private final DrainingEncoder draining = new DrainingEncoder();
    private final ProtocolErrorEncoder protocolError = new ProtocolErrorEncoder();

    private static ClientFrames local()
    {
        return LOCAL.get();
    }

    /**
     * @return where this instance's {@link #gameEvent(long, int, DirectBuffer, int, int)} and
     * {@link #gameAck(long, long)} encode, from index 0.
     */
    MutableDirectBuffer buffer()
    {
        return buffer;
    }

    /**
     * Encode a game event with eventSequence 0 (the session numbers it) into {@link #buffer()}.
     *
     * @return the frame's length.
     */
    int gameEvent(final long instanceId, final int kind, final DirectBuffer payload, final int offset, final int length)
    {
        gameEvent.wrapAndApplyHeader(buffer, 0, header)
            .eventSequence(0).instanceId(instanceId).kind(kind).putPayload(payload, offset, length);
        return MessageHeaderEncoder.ENCODED_LENGTH + gameEvent.encodedLength();
    }

    /**
     * Encode a game acknowledgement with eventSequence 0 (the session numbers it) into {@link #buffer()}.
     *
     * @return the frame's length.
     */
    int gameAck(final long instanceId, final long sequence)
    {
        gameAck.wrapAndApplyHeader(buffer, 0, header).eventSequence(0).instanceId(instanceId).sequence(sequence);
        return MessageHeaderEncoder.ENCODED_LENGTH + gameAck.encodedLength();
    }

    private byte[] bytes(final int encodedLength)
    {
        final byte[] bytes = new byte[MessageHeaderEncoder.ENCODED_LENGTH + encodedLength];
        buffer.getBytes(0, bytes);
        return bytes;
    }

    static byte[] helloReply(final long correlationId, final long gatewayId, final long nowMs, final boolean isDraining,
        final List<GatewayEntry> gateways)
    {
        final ClientFrames f = local();
        f.helloReply.wrapAndApplyHeader(f.buffer, 0, f.header)
            .correlationId(correlationId).gatewayId(gatewayId).serverTimeMs(nowMs).draining((short)(isDraining ? 1 : 0));
        final HelloReplyEncoder.GatewaysEncoder g = f.helloReply.gatewaysCount(gateways.size());
        for (final GatewayEntry e : gateways)
        {
            g.next().serverId(e.serverId()).url(e.url());
        }
        return f.bytes(f.helloReply.encodedLength());
    }

    static byte[] result(final long correlationId, final ClientCode code, final String message)
    {
        final ClientFrames f = local();
        f.result.wrapAndApplyHeader(f.buffer, 0, f.header).correlationId(correlationId).code(code).message(message);
        return f.bytes(f.result.encodedLength());
    }

    static byte[] loginResult(final long correlationId, final ClientCode code, final long userId, final long expiresAtMs,
        final long instanceId, final ResumeKind resumed, final String token, final String message, final long retryAfterMs)
    {
        final ClientFrames f = local();
        f.loginResult.wrapAndApplyHeader(f.buffer, 0, f.header)
            .correlationId(correlationId).code(code).userId(userId).expiresAtMs(expiresAtMs).instanceId(instanceId)
            .resumed(resumed).retryAfterMs(retryAfterMs).token(token).message(message);
        return f.bytes(f.loginResult.encodedLength());
    }

    static byte[] instanceResult(final long correlationId, final ClientCode code, final long instanceId,
        final int gameType, final int maxPlayers, final String message)
    {
        final ClientFrames f = local();
        f.instanceResult.wrapAndApplyHeader(f.buffer, 0, f.header)
            .correlationId(correlationId).code(code).instanceId(instanceId).gameType(gameType).maxPlayers(maxPlayers)
            .message(message);
        return f.bytes(f.instanceResult.encodedLength());
    }

    static byte[] searchResult(final long correlationId, final ClientCode code, final long nextCursor,
        final List<InstanceEntry> instances)
    {
        final ClientFrames f = local();
        f.searchResult.wrapAndApplyHeader(f.buffer, 0, f.header)
            .correlationId(correlationId).code(code).nextCursor(nextCursor);
        final SearchResultEncoder.InstancesEncoder g = f.searchResult.instancesCount(instances.size());
        for (final InstanceEntry e : instances)
        {
            g.next().instanceId(e.instanceId()).gameType(e.gameType()).phase(e.phase()).ownerId(e.ownerId())
                .maxPlayers(e.maxPlayers()).playerCount(e.playerCount()).region(e.region()).mode(e.mode())
                .ratingBand(e.ratingBand());
        }
        return f.bytes(f.searchResult.encodedLength());
    }

    static byte[] historyResult(final long correlationId, final ClientCode code, final long nextCursor,
        final List<GameEntry> games)
    {
        final ClientFrames f = local();
        f.historyResult.wrapAndApplyHeader(f.buffer, 0, f.header)
            .correlationId(correlationId).code(code).nextCursor(nextCursor);
        final HistoryResultEncoder.GamesEncoder g = f.historyResult.gamesCount(games.size());
        for (final GameEntry e : games)
        {
            g.next().gameId(e.gameId()).gameType(e.gameType()).endTimeMs(e.endTimeMs()).outcome(e.outcome());
        }
        return f.bytes(f.historyResult.encodedLength());
    }

    static byte[] gatewayList(final long eventSequence, final List<GatewayEntry> gateways)
    {
        final ClientFrames f = local();
        f.gatewayList.wrapAndApplyHeader(f.buffer, 0, f.header).eventSequence(eventSequence);
        final GatewayListEncoder.GatewaysEncoder g = f.gatewayList.gatewaysCount(gateways.size());
        for (final GatewayEntry e : gateways)
        {
            g.next().serverId(e.serverId()).url(e.url());
        }
        return f.bytes(f.gatewayList.encodedLength());
    }

    static byte[] draining(final long eventSequence, final List<GatewayEntry> gateways)
    {
        final ClientFrames f = local();
        f.draining.wrapAndApplyHeader(f.buffer, 0, f.header).eventSequence(eventSequence);
        final DrainingEncoder.GatewaysEncoder g = f.draining.gatewaysCount(gateways.size());
        for (final GatewayEntry e : gateways)
        {
            g.next().serverId(e.serverId()).url(e.url());
        }
        return f.bytes(f.draining.encodedLength());
    }

    static byte[] presence(final long eventSequence, final long instanceId, final long userId, final boolean seated)
    {
        final ClientFrames f = local();
        f.presence.wrapAndApplyHeader(f.buffer, 0, f.header)
            .eventSequence(eventSequence).instanceId(instanceId).userId(userId).seated((short)(seated ? 1 : 0));
        return f.bytes(f.presence.encodedLength());
    }

    static byte[] gameError(final long eventSequence, final long instanceId, final long sequence, final ClientCode code,
        final String reason)
    {
        final ClientFrames f = local();
        f.gameError.wrapAndApplyHeader(f.buffer, 0, f.header)
            .eventSequence(eventSequence).instanceId(instanceId).sequence(sequence).code(code).reason(reason);
        return f.bytes(f.gameError.encodedLength());
    }

    static byte[] instanceClosed(final long eventSequence, final long instanceId, final CloseCause cause,
        final String summary)
    {
        final ClientFrames f = local();
        f.instanceClosed.wrapAndApplyHeader(f.buffer, 0, f.header)
            .eventSequence(eventSequence).instanceId(instanceId).cause(cause).summary(summary);
        return f.bytes(f.instanceClosed.encodedLength());
    }

    static byte[] instanceMoved(final long eventSequence, final long instanceId)
    {
        final ClientFrames f = local();
        f.instanceMoved.wrapAndApplyHeader(f.buffer, 0, f.header).eventSequence(eventSequence).instanceId(instanceId);
        return f.bytes(f.instanceMoved.encodedLength());
    }

    static byte[] kicked(final long eventSequence, final KickCause cause)
    {
        final ClientFrames f = local();
        f.kicked.wrapAndApplyHeader(f.buffer, 0, f.header).eventSequence(eventSequence).cause(cause);
        return f.bytes(f.kicked.encodedLength());
    }

    static byte[] protocolError(final ClientCode code, final String message)
    {
        final ClientFrames f = local();
        f.protocolError.wrapAndApplyHeader(f.buffer, 0, f.header).code(code).message(message);
        return f.bytes(f.protocolError.encodedLength());
    }
}
