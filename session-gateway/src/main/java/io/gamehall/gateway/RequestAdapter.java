package io.gamehall.gateway;

import io.gamehall.sbe.client.ChangePasswordDecoder;
import io.gamehall.sbe.client.ClientCode;
import io.gamehall.sbe.client.CreateInstanceDecoder;
import io.gamehall.sbe.client.GameMessageDecoder;
import io.gamehall.sbe.client.GetHistoryDecoder;
import io.gamehall.sbe.client.HelloDecoder;
import io.gamehall.sbe.client.JoinInstanceDecoder;
import io.gamehall.sbe.client.LeaveInstanceDecoder;
import io.gamehall.sbe.client.LoginDecoder;
import io.gamehall.sbe.client.LogoutDecoder;
import io.gamehall.sbe.client.MessageHeaderDecoder;
import io.gamehall.sbe.client.RegisterDecoder;
import io.gamehall.sbe.client.ResumeDecoder;
import io.gamehall.sbe.client.SearchInstancesDecoder;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static io.gamehall.gateway.ClientCodes.protocolError;

/**
 * Client requests in: checks a frame's header (schema, version, template, block length),
 * decodes the request with the I/O thread's decoders and calls the role that handles it with
 * plain values. A frame that cannot be read is refused with MALFORMED and closes the connection.
 */
final class RequestAdapter
{
    private static final Logger LOG = LoggerFactory.getLogger(RequestAdapter.class);

    /** The first version of the client protocol: every request template exists since. */
    static final int FIRST_VERSION = 1;

    private final GatewayState gateway;
    private final Logins logins;
    private final Resumes resumes;
    private final LobbyRequests lobby;
    private final GameTraffic games;
    private final EpochClock clock;

    RequestAdapter(final GatewayState gateway, final Logins logins, final Resumes resumes, final LobbyRequests lobby,
        final GameTraffic games, final EpochClock clock)
    {
        this.gateway = gateway;
        this.logins = logins;
        this.resumes = resumes;
        this.lobby = lobby;
        this.games = games;
        this.clock = clock;
    }

    /**
     * One binary frame from a client, in {@code d.frame} (I/O thread of the connection; the
     * decoders are that thread's).
     */
    void onFrame(final Connection connection, final RequestDecoders d, final int length)
    {
        if (length < MessageHeaderDecoder.ENCODED_LENGTH)
        {
            protocolError(connection, ClientCode.MALFORMED, "a frame of " + length + " bytes is not a message", true);
            return;
        }
        final MessageHeaderDecoder header = d.header.wrap(d.frame, 0);
        if (header.schemaId() != HelloDecoder.SCHEMA_ID)
        {
            protocolError(connection, ClientCode.MALFORMED, "not the gamehall client protocol (schema " +
                header.schemaId() + ")", true);
            return;
        }
        final int blockLength = header.blockLength();
        final int version = header.version();
        final int templateId = header.templateId();
        if (version < FIRST_VERSION || version > HelloDecoder.SCHEMA_VERSION)
        {
            protocolError(connection, ClientCode.UNSUPPORTED_VERSION, "this gateway reads client protocol versions " +
                FIRST_VERSION + ".." + HelloDecoder.SCHEMA_VERSION + ", not " + version, true);
            return;
        }
        final int expected = blockLengthOf(templateId);
        if (blockLength < expected)
        {
            protocolError(connection, ClientCode.MALFORMED, "template " + templateId + " has a block of " + expected +
                " bytes, not " + blockLength, true);
            return;
        }
        try
        {
            dispatch(connection, d, templateId, blockLength, version, length);
        }
        catch (final IndexOutOfBoundsException | IllegalStateException | IllegalArgumentException ex)
        {
            LOG.debug("connection {}: template {} could not be read: {}", connection, templateId, ex.toString());
            protocolError(connection, ClientCode.MALFORMED, "template " + templateId + " could not be read", true);
        }
    }

    /**
     * @return the block length of a request template in this schema (a shorter block cannot
     * hold its fields), or 0 for a template this gateway does not take.
     */
    static int blockLengthOf(final int templateId)
    {
        return switch (templateId)
        {
            case HelloDecoder.TEMPLATE_ID -> HelloDecoder.BLOCK_LENGTH;
            case RegisterDecoder.TEMPLATE_ID -> RegisterDecoder.BLOCK_LENGTH;
            case LoginDecoder.TEMPLATE_ID -> LoginDecoder.BLOCK_LENGTH;
            case ResumeDecoder.TEMPLATE_ID -> ResumeDecoder.BLOCK_LENGTH;
            case LogoutDecoder.TEMPLATE_ID -> LogoutDecoder.BLOCK_LENGTH;
            case CreateInstanceDecoder.TEMPLATE_ID -> CreateInstanceDecoder.BLOCK_LENGTH;
            case SearchInstancesDecoder.TEMPLATE_ID -> SearchInstancesDecoder.BLOCK_LENGTH;
            case JoinInstanceDecoder.TEMPLATE_ID -> JoinInstanceDecoder.BLOCK_LENGTH;
            case LeaveInstanceDecoder.TEMPLATE_ID -> LeaveInstanceDecoder.BLOCK_LENGTH;
            case GameMessageDecoder.TEMPLATE_ID -> GameMessageDecoder.BLOCK_LENGTH;
            case GetHistoryDecoder.TEMPLATE_ID -> GetHistoryDecoder.BLOCK_LENGTH;
            case ChangePasswordDecoder.TEMPLATE_ID -> ChangePasswordDecoder.BLOCK_LENGTH;
            default -> 0;
        };
    }

    private void dispatch(final Connection c, final RequestDecoders decoders, final int templateId,
        final int blockLength, final int version, final int length)
    {
        final int at = MessageHeaderDecoder.ENCODED_LENGTH;
        final MutableDirectBuffer b = decoders.frame;
        switch (templateId)
        {
            case HelloDecoder.TEMPLATE_ID ->
            {
                final HelloDecoder d = decoders.hello.wrap(b, at, blockLength, version);
                final long correlationId = d.correlationId();
                d.skipClient();
                checkEnd(d.limit(), length);
                c.send(ClientFrames.helloReply(correlationId, gateway.gatewayId(), clock.time(), gateway.isDraining(),
                    gateway.forClients()));
            }
            case RegisterDecoder.TEMPLATE_ID ->
            {
                final RegisterDecoder d = decoders.register.wrap(b, at, blockLength, version);
                final long correlationId = d.correlationId();
                final String name = d.name();
                final String password = d.password();
                checkEnd(d.limit(), length);
                logins.register(c, correlationId, name, password);
            }
            case LoginDecoder.TEMPLATE_ID ->
            {
                final LoginDecoder d = decoders.login.wrap(b, at, blockLength, version);
                final long correlationId = d.correlationId();
                final String name = d.name();
                final String password = d.password();
                checkEnd(d.limit(), length);
                logins.login(c, correlationId, name, password);
            }
            case ResumeDecoder.TEMPLATE_ID ->
            {
                final ResumeDecoder d = decoders.resume.wrap(b, at, blockLength, version);
                final long correlationId = d.correlationId();
                final long lastSeen = d.lastEventSequence();
                final String token = d.token();
                checkEnd(d.limit(), length);
                resumes.resume(c, correlationId, lastSeen, token);
            }
            case LogoutDecoder.TEMPLATE_ID ->
            {
                final long correlationId = decoders.logout.wrap(b, at, blockLength, version).correlationId();
                logins.logout(c, correlationId);
            }
            case CreateInstanceDecoder.TEMPLATE_ID ->
            {
                final CreateInstanceDecoder d = decoders.create.wrap(b, at, blockLength, version);
                lobby.create(c, d.correlationId(), d.gameType(), d.maxPlayers(), d.region(), d.mode(), d.ratingBand());
            }
            case SearchInstancesDecoder.TEMPLATE_ID ->
            {
                final SearchInstancesDecoder d = decoders.search.wrap(b, at, blockLength, version);
                lobby.search(c, d.correlationId(), d.gameType(), d.region(), d.mode(), d.ratingBand(), d.minOpenSeats(),
                    d.maxResults(), d.cursor());
            }
            case JoinInstanceDecoder.TEMPLATE_ID ->
            {
                final JoinInstanceDecoder d = decoders.join.wrap(b, at, blockLength, version);
                lobby.join(c, d.correlationId(), d.instanceId());
            }
            case LeaveInstanceDecoder.TEMPLATE_ID ->
            {
                final LeaveInstanceDecoder d = decoders.leave.wrap(b, at, blockLength, version);
                lobby.leave(c, d.correlationId(), d.instanceId());
            }
            case GameMessageDecoder.TEMPLATE_ID ->
            {
                final GameMessageDecoder d = decoders.gameMessage.wrap(b, at, blockLength, version);
                final long instanceId = d.instanceId();
                final long sequence = d.sequence();
                final int kind = d.kind();
                final UnsafeBuffer payload = decoders.payload;
                d.wrapPayload(payload);
                checkEnd(d.limit(), length);
                games.gameMessage(c, instanceId, sequence, kind, payload);
            }
            case GetHistoryDecoder.TEMPLATE_ID ->
            {
                final GetHistoryDecoder d = decoders.history.wrap(b, at, blockLength, version);
                lobby.history(c, d.correlationId(), d.before(), d.maxResults());
            }
            case ChangePasswordDecoder.TEMPLATE_ID ->
            {
                final ChangePasswordDecoder d = decoders.changePassword.wrap(b, at, blockLength, version);
                final long correlationId = d.correlationId();
                final String oldPassword = d.oldPassword();
                final String newPassword = d.newPassword();
                checkEnd(d.limit(), length);
                logins.changePassword(c, correlationId, oldPassword, newPassword);
            }
            default -> protocolError(c, ClientCode.UNKNOWN_MESSAGE, "unknown message template " + templateId, false);
        }
    }

    private static void checkEnd(final int limit, final int length)
    {
        if (limit > length)
        {
            throw new IllegalArgumentException("the message is longer than its frame");
        }
    }
}
