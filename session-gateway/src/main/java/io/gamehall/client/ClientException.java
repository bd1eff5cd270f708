package io.gamehall.client;

import io.gamehall.sbe.client.ClientCode;

/**
 * A request the gateway refused (with its code), or one that could not be made (the connection
 * was lost, no gateway answered, no answer in time).
 */
public final class ClientException extends RuntimeException
{
    private static final long serialVersionUID = 1L;
    private final transient ClientCode code;

    /**
     * @param code    the gateway's code; {@link ClientCode#NULL_VAL} when the request never got an answer.
     * @param message what happened.
     */
    public ClientException(final ClientCode code, final String message)
    {
        super(code == ClientCode.NULL_VAL ? message : code + (message == null || message.isEmpty() ? "" : ": " + message));
        this.code = code;
    }

    /**
     * @return the gateway's code, or {@link ClientCode#NULL_VAL} when there was no answer.
     */
    public ClientCode code()
    {
        return code;
    }
}
