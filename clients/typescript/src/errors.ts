import { clientCodeName } from './generated/client.js';

/**
 * What kind of failure a {@link ClientError} reports: the gateway's refusal (with its code), or
 * a failure on this side that never reached a gateway or never got its answer.
 */
export const ClientFailure = Object.freeze({
    /** The gateway answered with a refusal: see {@link ClientError.code}. */
    REFUSED: 'REFUSED',
    /** The request was not sent: no open connection to a gateway (or the client is reconnecting). */
    NOT_CONNECTED: 'NOT_CONNECTED',
    /** No gateway of the list answered a hello. */
    NO_GATEWAY: 'NO_GATEWAY',
    /** A gateway URL that cannot be used (not ws:// or wss://). */
    BAD_URL: 'BAD_URL',
    /** The connection to a gateway could not be made. */
    CONNECT_FAILED: 'CONNECT_FAILED',
    /** The connection was lost before the answer came; the outcome is unknown. */
    CONNECTION_LOST: 'CONNECTION_LOST',
    /** No answer within the request timeout; the outcome is unknown. */
    TIMEOUT: 'TIMEOUT',
    /** The request could not be encoded (a value too long for its field). */
    BAD_REQUEST: 'BAD_REQUEST',
    /** The client was closed. */
    CLOSED: 'CLOSED',
} as const);
export type ClientFailure = (typeof ClientFailure)[keyof typeof ClientFailure];

/**
 * A request the gateway refused (with the protocol's code, a {@link ClientCode} value), or one
 * that failed on this side ({@link ClientError.failure} says which).
 *
 * Refusals worth retrying later say how long to wait in {@link ClientError.retryAfterMs}:
 * TOO_MANY_ATTEMPTS, TOO_MANY_REGISTRATIONS and OVERLOADED.
 */
export class ClientError extends Error
{
    /** REFUSED for a refusal by the gateway, else what failed here. */
    readonly failure: ClientFailure;
    /** The gateway's code (a ClientCode value, or one this build does not know), null for a failure here. */
    readonly code: number | null;
    /** How long the gateway asked to wait before trying again (ms), 0 if it did not. */
    readonly retryAfterMs: number;

    private constructor(failure: ClientFailure, code: number | null, message: string, retryAfterMs: number,
        cause?: unknown)
    {
        super(message, cause === undefined ? undefined : { cause });
        this.name = 'ClientError';
        this.failure = failure;
        this.code = code;
        this.retryAfterMs = retryAfterMs;
    }

    /**
     * A refusal by the gateway.
     */
    static refused(code: number, message: string, retryAfterMs = 0): ClientError
    {
        return new ClientError(ClientFailure.REFUSED, code,
            clientCodeName(code) + (message ? ': ' + message : ''), retryAfterMs);
    }

    /**
     * A failure on this side.
     */
    static failed(failure: Exclude<ClientFailure, 'REFUSED'>, message: string, cause?: unknown): ClientError
    {
        return new ClientError(failure, null, failure + ': ' + message, 0, cause);
    }

    /** The name of the gateway's code (ClientCode), or null for a failure on this side. */
    get codeName(): string | null
    {
        return this.code === null ? null : clientCodeName(this.code);
    }
}
