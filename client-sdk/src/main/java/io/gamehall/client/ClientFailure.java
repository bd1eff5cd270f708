package io.gamehall.client;

/**
 * What kind of failure a {@link ClientException} reports: the gateway's refusal, or a failure
 * on this side that never reached a gateway or never got its answer.
 */
public enum ClientFailure
{
    /** The gateway answered with a refusal: see {@link ClientException#code()}. */
    REFUSED,
    /** The request was not sent: the client had no open connection to a gateway. */
    NOT_CONNECTED,
    /** No gateway of the list answered a hello. */
    NO_GATEWAY,
    /** A gateway URL that cannot be used (syntax, scheme, TLS set-up). */
    BAD_URL,
    /** The connection to a gateway could not be made. */
    CONNECT_FAILED,
    /** The connection was lost before the answer came; the outcome is unknown. */
    CONNECTION_LOST
}
