/** A logged-in session. */
export interface Login
{
    /** The account id. */
    userId: bigint;
    /** Resumes the session on any gateway until it expires (the client keeps it). */
    token: string;
    /** When the token stops working (ms since the epoch). */
    expiresAtMs: bigint;
    /** The instance the user is seated in (after a resume), 0n if none. */
    instanceId: bigint;
    /**
     * A ResumeKind value: CONTINUED (the events missed were sent again) or NEW_SESSION (the game
     * sends its whole state; numbering of events starts again).
     */
    resumed: number;
}

/** An instance the user took a seat in. */
export interface Instance
{
    instanceId: bigint;
    gameType: number;
    maxPlayers: number;
}

/** One search hit. */
export interface InstanceSummary
{
    instanceId: bigint;
    gameType: number;
    /** An InstancePhase value. */
    phase: number;
    ownerId: bigint;
    maxPlayers: number;
    playerCount: number;
    region: number;
    mode: number;
    ratingBand: number;
}

/** A page of search hits; nextCursor is 0n when there is no more. */
export interface SearchPage
{
    instances: InstanceSummary[];
    nextCursor: bigint;
}

/** A finished game of the user. */
export interface GameSummary
{
    gameId: bigint;
    gameType: number;
    endTimeMs: bigint;
    /** An Outcome value. */
    outcome: number;
}

/** A page of finished games, newest first; nextCursor is 0n when there is no more. */
export interface HistoryPage
{
    games: GameSummary[];
    nextCursor: bigint;
}

/**
 * What a client tells its owner; every method is optional. Called in the order the gateway sent
 * things; a listener that throws does not stop the client or the other listeners (the error goes
 * to GameClientOptions.onListenerError).
 */
export interface GameClientListener
{
    /** A message from the game of an instance the user plays in (the payload is a view of the frame). */
    onGameEvent?(instanceId: bigint, kind: number, payload: Uint8Array): void;
    /** A game message of the user's was applied (and backed up, for games that acknowledge). */
    onGameAck?(instanceId: bigint, sequence: bigint): void;
    /** A game message of the user's was refused (code: a ClientCode value). */
    onGameError?(instanceId: bigint, sequence: bigint, code: number, reason: string): void;
    /** Another player took (seated) or left a seat. */
    onPresence?(instanceId: bigint, userId: bigint, seated: boolean): void;
    /** The instance is over; the user is back in the lobby (cause: a CloseCause value). */
    onInstanceClosed?(instanceId: bigint, cause: number, summary: string): void;
    /** The instance moved to another game host (the old one failed); play goes on. */
    onInstanceMoved?(instanceId: bigint): void;
    /** The session was ended by the gateway (cause: a KickCause value); no reconnect follows, except for GATEWAY_CLOSING. */
    onKicked?(cause: number): void;
    /** The gateway could not take a frame (code: a ClientCode value); for some it closes the connection. */
    onProtocolError?(code: number, message: string): void;
    /** The connection was lost; the client reconnects and resumes the session (if logged in). */
    onDisconnected?(reason: string): void;
    /** The session was resumed after a reconnect or a move to another gateway (kind: a ResumeKind value). */
    onResumed?(kind: number, gatewayUrl: string): void;
    /** The client gave up reconnecting (no gateway took the session within the reconnect budget, or the token was refused). */
    onGaveUp?(reason: string): void;
    /** The live gateways changed. */
    onGatewayList?(urls: string[]): void;
    /** A frame from the gateway could not be read (it is dropped). */
    onError?(error: Error): void;
}
