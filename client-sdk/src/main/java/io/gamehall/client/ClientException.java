package io.gamehall.client;

import io.gamehall.sbe.client.ClientCode;

/**
 * A request the gateway refused (with its code), or one that failed on this side: not sent
 * because no connection was open, no gateway answered, the connection was lost before the
 * answer ({@link #failure()} says which). A request with no answer in time fails with a
 * {@link java.util.concurrent.TimeoutException} instead.
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
    private final ClientFailure failure;
    private final long retryAfterMs;

    /**
     * A refusal by the gateway.
     *
     * @param code    the gateway's code.
     * @param message what happened.
     */
    public ClientException(final ClientCode code, final String message)
    {
        this(code, message, 0);
    }

    /**
     * A refusal by the gateway.
     *
     * @param code         the gateway's code.
     * @param message      what happened.
     * @param retryAfterMs how long the gateway asked to wait before trying again, 0 if it did not.
     */
    public ClientException(final ClientCode code, final String message, final long retryAfterMs)
    {
        super(code + (message == null || message.isEmpty() ? "" : ": " + message));
        this.code = code;
        this.failure = ClientFailure.REFUSED;
        this.retryAfterMs = retryAfterMs;
    }

    /**
     * A failure on this side: the request never reached a gateway, or its answer never came.
     *
     * @param failure what kind, never {@link ClientFailure#REFUSED}.
     * @param message what happened.
     * @param cause   what caused it, or null.
     */
    public ClientException(final ClientFailure failure, final String message, final Throwable cause)
    {
        super(failure + ": " + message, cause);
        if (failure == ClientFailure.REFUSED)
        {
            throw new IllegalArgumentException("a refusal carries the gateway's code");
        }
        this.code = null;
        this.failure = failure;
        this.retryAfterMs = 0;
    }

    /**
     * @return the gateway's code, or null when the failure was on this side ({@link #failure()}).
     */
    public ClientCode code()
    {
        return code;
    }

    /**
     * @return {@link ClientFailure#REFUSED} for a refusal by the gateway, else what failed here.
     */
    public ClientFailure failure()
    {
        return failure;
    }

    /**
     * @return how long the gateway asked to wait before trying again (ms), 0 if it did not.
     */
    public long retryAfterMs()
    {
        return retryAfterMs;
    }
}
