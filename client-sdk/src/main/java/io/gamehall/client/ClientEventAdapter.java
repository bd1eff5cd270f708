package io.gamehall.client;

import io.gamehall.sbe.client.ClientCode;
import io.gamehall.sbe.client.CloseCause;
import io.gamehall.sbe.client.DrainingDecoder;
import io.gamehall.sbe.client.GameAckDecoder;
import io.gamehall.sbe.client.GameErrorDecoder;
import io.gamehall.sbe.client.GameEventDecoder;
import io.gamehall.sbe.client.GatewayListDecoder;
import io.gamehall.sbe.client.HelloReplyDecoder;
import io.gamehall.sbe.client.HistoryResultDecoder;
import io.gamehall.sbe.client.InstanceClosedDecoder;
import io.gamehall.sbe.client.InstanceMovedDecoder;
import io.gamehall.sbe.client.InstanceResultDecoder;
import io.gamehall.sbe.client.KickCause;
import io.gamehall.sbe.client.KickedDecoder;
import io.gamehall.sbe.client.LoginResultDecoder;
import io.gamehall.sbe.client.MessageHeaderDecoder;
import io.gamehall.sbe.client.PlayerPresenceDecoder;
import io.gamehall.sbe.client.ProtocolErrorDecoder;
import io.gamehall.sbe.client.ResultDecoder;
import io.gamehall.sbe.client.ResumeKind;
import io.gamehall.sbe.client.SearchResultDecoder;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Decodes each frame from the gateway: an answer completes the request it correlates with
 * ({@link ClientRequests}); an event becomes a {@link GameClientListener} call with plain values
 * (game events and acknowledgements through the connection's own decoders, allocating nothing);
 * what changes the session (a closed instance, a kick, gateways learned, a draining gateway) is
 * told to the {@link Session}. Called on the connection's I/O thread.
 */
final class ClientEventAdapter
{
    /**
     * What the client's session does with the events that concern it.
     */
    interface Session
    {
        /**
         * The instance is over (the user's seat, if it was this one, is free).
         */
        void instanceClosed(long instanceId);

        /**
         * The gateway ended the session (or closes: {@link KickCause#GATEWAY_CLOSING}).
         */
        void kicked(KickCause cause);

        /**
         * The gateway is draining; the others that take sessions.
         */
        void draining(List<String> gateways);
    }

    private final ClientRequests requests;
    private final GatewayList gateways;
    private final Session session;
    private final GameClientListener listener;
    private volatile long lastEventSequence;
    private volatile ResumeKind lastResume = ResumeKind.NEW_SESSION;

    ClientEventAdapter(
        final ClientRequests requests, final GatewayList gateways, final Session session, final GameClientListener listener)
    {
        this.requests = requests;
        this.gateways = gateways;
        this.session = session;
        this.listener = listener;
    }

    /**
     * @return the sequence number of the last event received.
     */
    long lastEventSequence()
    {
        return lastEventSequence;
    }

    /**
     * @return how the last login answer took the session up.
     */
    ResumeKind lastResume()
    {
        return lastResume;
    }

    /**
     * One frame, in {@code reader.frame}.
     */
    void onFrame(final FrameReader reader, final int length)
    {
        if (length < MessageHeaderDecoder.ENCODED_LENGTH)
        {
            return;
        }
        final UnsafeBuffer view = reader.frame;
        final MessageHeaderDecoder header = reader.header.wrap(view, 0);
        final int templateId = header.templateId();
        switch (templateId)
        {
            case HelloReplyDecoder.TEMPLATE_ID, ResultDecoder.TEMPLATE_ID, LoginResultDecoder.TEMPLATE_ID,
                InstanceResultDecoder.TEMPLATE_ID, SearchResultDecoder.TEMPLATE_ID, HistoryResultDecoder.TEMPLATE_ID ->
            {
                // every answer starts its block with the correlation id
                final long correlationId = view.getLong(MessageHeaderDecoder.ENCODED_LENGTH, ByteOrder.LITTLE_ENDIAN);
                if (templateId == LoginResultDecoder.TEMPLATE_ID)
                {
                    lastResume = new LoginResultDecoder().wrapAndApplyHeader(view, 0, header).resumed();
                }
                requests.answer(correlationId, reader.copy(length));
            }
            case ProtocolErrorDecoder.TEMPLATE_ID ->
            {
                final ProtocolErrorDecoder d = new ProtocolErrorDecoder().wrapAndApplyHeader(view, 0, header);
                listener.onGameError(0, 0, d.code(), d.message());
            }
            default -> onEvent(reader, header, templateId);
        }
    }

    private void onEvent(final FrameReader reader, final MessageHeaderDecoder header, final int templateId)
    {
        final UnsafeBuffer view = reader.frame;
        lastEventSequence = Math.max(lastEventSequence, view.getLong(MessageHeaderDecoder.ENCODED_LENGTH,
            ByteOrder.LITTLE_ENDIAN));
        switch (templateId)
        {
            case GameEventDecoder.TEMPLATE_ID ->
            {
                final GameEventDecoder d = reader.gameEvent.wrapAndApplyHeader(view, 0, header);
                final long instance = d.instanceId();
                final int kind = d.kind();
                final UnsafeBuffer payload = reader.payload;
                d.wrapPayload(payload);
                listener.onGameEvent(instance, kind, payload, 0, payload.capacity());
            }
            case GameAckDecoder.TEMPLATE_ID ->
            {
                final GameAckDecoder d = reader.gameAck.wrapAndApplyHeader(view, 0, header);
                final CompletableFuture<Void> ack = requests.takeAck(d.sequence());
                listener.onGameAck(d.instanceId(), d.sequence());
                if (ack != null)
                {
                    ack.complete(null);
                }
            }
            case GameErrorDecoder.TEMPLATE_ID ->
            {
                final GameErrorDecoder d = new GameErrorDecoder().wrapAndApplyHeader(view, 0, header);
                final long instance = d.instanceId();
                final long sequence = d.sequence();
                final ClientCode code = d.code();
                final String reason = d.reason();
                final CompletableFuture<Void> ack = requests.takeAck(sequence);
                listener.onGameError(instance, sequence, code, reason);
                if (ack != null)
                {
                    ack.completeExceptionally(new ClientException(code, reason));
                }
            }
            case PlayerPresenceDecoder.TEMPLATE_ID ->
            {
                final PlayerPresenceDecoder d = new PlayerPresenceDecoder().wrapAndApplyHeader(view, 0, header);
                listener.onPresence(d.instanceId(), d.userId(), d.seated() == 1);
            }
            case InstanceClosedDecoder.TEMPLATE_ID ->
            {
                final InstanceClosedDecoder d = new InstanceClosedDecoder().wrapAndApplyHeader(view, 0, header);
                final long instance = d.instanceId();
                final CloseCause cause = d.cause();
                final String summary = d.summary();
                session.instanceClosed(instance);
                listener.onInstanceClosed(instance, cause, summary);
            }
            case InstanceMovedDecoder.TEMPLATE_ID ->
            {
                final InstanceMovedDecoder d = new InstanceMovedDecoder().wrapAndApplyHeader(view, 0, header);
                listener.onInstanceMoved(d.instanceId());
            }
            case KickedDecoder.TEMPLATE_ID ->
            {
                final KickedDecoder d = new KickedDecoder().wrapAndApplyHeader(view, 0, header);
                final KickCause cause = d.cause();
                session.kicked(cause);
                listener.onKicked(cause);
            }
            case GatewayListDecoder.TEMPLATE_ID ->
            {
                final GatewayListDecoder d = new GatewayListDecoder().wrapAndApplyHeader(view, 0, header);
                final List<String> urls = new ArrayList<>();
                for (final GatewayListDecoder.GatewaysDecoder g : d.gateways())
                {
                    g.serverId();
                    urls.add(g.url());
                }
                gateways.learn(urls);
                listener.onGatewayList(urls);
            }
            case DrainingDecoder.TEMPLATE_ID ->
            {
                final DrainingDecoder d = new DrainingDecoder().wrapAndApplyHeader(view, 0, header);
                final List<String> urls = new ArrayList<>();
                for (final DrainingDecoder.GatewaysDecoder g : d.gateways())
                {
                    g.serverId();
                    urls.add(g.url());
                }
                gateways.learn(urls);
                session.draining(urls);
            }
            default ->
            {
            }
        }
    }
}
