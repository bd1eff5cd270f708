package io.gamehall.client;

import io.gamehall.sbe.client.ClientCode;

/**
 * A request the gateway refused (with its code), or one that could not be made (the connection
 * was lost, no gateway answered, no answer in time).
 * <p>
 * Refusals worth retrying later say how long to wait in {@link #retryAfterMs()}:
 * {@code TOO_MANY_ATTEMPTS} (failed logins of the account or from the address),
 * {@code TOO_MANY_REGISTRATIONS} (accounts registered from the address) and {@code OVERLOADED}
 * (the gateway's password checks are busy). {@code LOGIN_IN_PROGRESS} means a login on the same
 * connection has not been answered yet; {@code TOKEN_REVOKED} that the session was ended by a
 * logout or a new password (log in again).
 */
public final class ClientException extends RuntimeException
{
    private static final long serialVersionUID = 1L;
    private final transient ClientCode code;
    private final long retryAfterMs;

    /**
     * @param code    the gateway's code; {@link ClientCode#NULL_VAL} when the request never got an answer.
     * @param message what happened.
     */
    public ClientException(final ClientCode code, final String message)
    {
        this(code, message, 0);
    }

    /**
     * @param code         the gateway's code; {@link ClientCode#NULL_VAL} when the request never got an answer.
     * @param message      what happened.
     * @param retryAfterMs how long the gateway asked to wait before trying again, 0 if it did not.
     */
    public ClientException(final ClientCode code, final String message, final long retryAfterMs)
    {
        super(code == ClientCode.NULL_VAL ? message : code + (message == null || message.isEmpty() ? "" : ": " + message));
        this.code = code;
        this.retryAfterMs = retryAfterMs;
    }

    /**
     * @return the gateway's code, or {@link ClientCode#NULL_VAL} when there was no answer.
     */
    public ClientCode code()
    {
        return code;
    }

    /**
     * @return how long the gateway asked to wait before trying again (ms), 0 if it did not.
     */
    public long retryAfterMs()
    {
        return retryAfterMs;
    }
}
