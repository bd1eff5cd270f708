package io.gamehall.gateway;

import io.gamehall.sbe.client.ClientCode;
import io.gamehall.sbe.client.InstancePhase;
import io.gamehall.sbe.client.ResumeKind;
import io.gamehall.sbe.host.GameErrorCode;
import io.gamehall.sbe.master.InstanceState;
import io.gamehall.sbe.master.ResultCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeoutException;

/**
 * The codes a client is given for what the master, the game hosts and the gateway itself say:
 * one mapping per source, and the refusal frames (a failed login, a protocol error) every role
 * sends.
 */
final class ClientCodes
{
    private static final Logger LOG = LoggerFactory.getLogger(ClientCodes.class);

    private ClientCodes()
    {
    }

    /**
     * @return the client's code for a master's result.
     */
    static ClientCode map(final ResultCode code)
    {
        return switch (code)
        {
            case OK -> ClientCode.OK;
            case NO_CAPACITY -> ClientCode.NO_CAPACITY;
            case UNKNOWN_INSTANCE -> ClientCode.UNKNOWN_INSTANCE;
            case INSTANCE_FULL -> ClientCode.INSTANCE_FULL;
            case INSTANCE_NOT_JOINABLE -> ClientCode.INSTANCE_NOT_JOINABLE;
            case USER_IN_INSTANCE -> ClientCode.ALREADY_IN_INSTANCE;
            case USER_NOT_IN_INSTANCE -> ClientCode.NOT_IN_INSTANCE;
            case NOT_INSTANCE_OWNER -> ClientCode.NOT_OWNER;
            case SERVER_NOT_ACTIVE, SERVER_DEAD -> ClientCode.GATEWAY_DRAINING;
            case DIRECTORY_FULL -> ClientCode.GATEWAY_FULL;
            case INVALID_VALUE, INVALID_ENUM_VALUE, INVALID_NAME, STRING_TOO_LONG -> ClientCode.INVALID_VALUE;
            case USER_NAME_TAKEN, USER_ID_MISMATCH -> ClientCode.NAME_TAKEN;
            default -> ClientCode.INTERNAL;
        };
    }

    /**
     * @return the client's code for a game host's refusal of a message.
     */
    static ClientCode map(final GameErrorCode code)
    {
        return switch (code)
        {
            case MALFORMED_MESSAGE -> ClientCode.MALFORMED;
            case MESSAGE_TOO_LARGE -> ClientCode.TOO_LARGE;
            case UNKNOWN_MESSAGE -> ClientCode.UNKNOWN_MESSAGE;
            case UNKNOWN_INSTANCE -> ClientCode.UNKNOWN_INSTANCE;
            case NOT_A_PLAYER -> ClientCode.NOT_A_PLAYER;
            case INSTANCE_NOT_READY -> ClientCode.INSTANCE_NOT_READY;
            case REJECTED -> ClientCode.REJECTED;
            case OVERLOADED -> ClientCode.OVERLOADED;
            case INSTANCE_FAILED -> ClientCode.INSTANCE_FAILED;
            default -> ClientCode.INTERNAL;
        };
    }

    /**
     * @return the phase a client is shown for an instance's state in the master.
     */
    static InstancePhase phase(final InstanceState state)
    {
        return switch (state)
        {
            case CREATING -> InstancePhase.CREATING;
            case RUNNING -> InstancePhase.RUNNING;
            case SUSPENDED -> InstancePhase.SUSPENDED;
            default -> InstancePhase.OPEN;
        };
    }

    /**
     * @return TIMEOUT when the master did not answer in time, MASTER_UNAVAILABLE for any other
     * failure to get an answer.
     */
    static ClientCode masterFailure(final Throwable ex)
    {
        final Throwable cause = StoreFailures.unwrap(ex);
        return cause instanceof TimeoutException ? ClientCode.TIMEOUT : ClientCode.MASTER_UNAVAILABLE;
    }

    /**
     * @return a LoginResult refusing a login, registration, resume or password change.
     */
    static byte[] loginFailure(final long correlationId, final ClientCode code, final String message)
    {
        return loginFailure(correlationId, code, message, 0);
    }

    /**
     * @return a LoginResult refusing a login with the time after which another may succeed.
     */
    static byte[] loginFailure(final long correlationId, final ClientCode code, final String message,
        final long retryAfterMs)
    {
        return ClientFrames.loginResult(correlationId, code, 0, 0, 0, ResumeKind.NEW_SESSION, "", message, retryAfterMs);
    }

    /**
     * Send a ProtocolError, closing the connection after it when {@code close}.
     */
    static void protocolError(final Connection c, final ClientCode code, final String message, final boolean close)
    {
        LOG.debug("connection {}: {} {}", c, code, message);
        if (close)
        {
            c.sendAndClose(ClientFrames.protocolError(code, message));
        }
        else
        {
            c.send(ClientFrames.protocolError(code, message));
        }
    }
}
