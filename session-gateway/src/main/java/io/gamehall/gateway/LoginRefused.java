package io.gamehall.gateway;

import io.gamehall.sbe.client.ClientCode;

/**
 * Why an authentication (login, register, password change) was refused: the code and the
 * message the client gets, and how long it should wait before trying again (0 when waiting
 * does not help). The message is meant for the client: it never carries internal detail.
 */
final class LoginRefused extends RuntimeException
{
    private static final long serialVersionUID = 1L;
    private final transient ClientCode code;
    private final long retryAfterMs;

    LoginRefused(final ClientCode code, final String message)
    {
        this(code, message, 0);
    }

    LoginRefused(final ClientCode code, final String message, final long retryAfterMs)
    {
        super(message, null, false, false);
        this.code = code;
        this.retryAfterMs = retryAfterMs;
    }

    ClientCode code()
    {
        return code;
    }

    long retryAfterMs()
    {
        return retryAfterMs;
    }
}
