import {
    ClientCode, DrainingDecoder, GameAckDecoder, GameErrorDecoder, GameEventDecoder, GatewayListDecoder,
    HelloReplyDecoder, HistoryResultDecoder, InstanceClosedDecoder, InstanceMovedDecoder, InstanceResultDecoder,
    KickCause, KickedDecoder, LoginResultDecoder, MessageHeaderDecoder, PlayerPresenceDecoder, ProtocolErrorDecoder,
    ResultDecoder, ResumeKind, SCHEMA_ID, SearchResultDecoder,
} from './generated/client.js';
import { ClientError, ClientFailure } from './errors.js';
import { Attributes, RequestFrames } from './request-frames.js';
import { MemorySessionStore, SessionStore } from './session-store.js';
import { GameClientListener, GameSummary, HistoryPage, Instance, InstanceSummary, Login, SearchPage } from './types.js';
import { Waiting } from './waiting.js';
import { globalWebSocket, OPEN, WebSocketFactory, WebSocketLike } from './web-socket.js';

/** How a client is set up; only the gateways are required. */
export interface GameClientOptions
{
    /** WebSocket URLs of gateways known in advance (ws:// or wss://); the client learns the others. */
    gateways: string[];
    /** Opens a WebSocket; default the global WebSocket (browsers). In Node.js 20 pass the ws package's. */
    webSocket?: WebSocketFactory;
    /** Receives the events; more can be added with addListener. */
    listener?: GameClientListener;
    /** Where the session is kept for a reload of the page (WebStorageSessionStore); default memory. */
    sessionStore?: SessionStore;
    /** How long a request waits for its answer (default 10 s). */
    requestTimeoutMs?: number;
    /** How long opening a connection may take (default 5 s). */
    connectTimeoutMs?: number;
    /** How long to keep trying to reconnect and resume after losing the connection (default 30 s). */
    reconnectBudgetMs?: number;
    /** Told to the gateway in the hello, for its logs. */
    clientName?: string;
    /** For the random order in which gateways are tried (default Math.random; tests fix it). */
    random?: () => number;
    /** Told of an error a listener threw (default: thrown again on its own, as an uncaught error). */
    onListenerError?: (error: unknown) => void;
}

/** Answers carry their request's correlation id as the first field of the block. */
const ANSWER_TEMPLATES = new Set([HelloReplyDecoder.TEMPLATE_ID, ResultDecoder.TEMPLATE_ID,
    LoginResultDecoder.TEMPLATE_ID, InstanceResultDecoder.TEMPLATE_ID, SearchResultDecoder.TEMPLATE_ID,
    HistoryResultDecoder.TEMPLATE_ID]);

const TOKEN_REFUSALS: ReadonlySet<number> = new Set([ClientCode.TOKEN_EXPIRED, ClientCode.TOKEN_INVALID,
    ClientCode.TOKEN_REVOKED]);


type Id = bigint | number;

function toId(value: Id): bigint
{
    return typeof value === 'bigint' ? value : BigInt(value);
}

/**
 * A game client's connection to gamehall: check-in with fall-back over the known gateways,
 * register / login, lobby requests and game messages as promises, events to listeners, and
 * reconnect and resume (also onto another gateway when one is drained or dies, and after a
 * reload of the page with a {@link WebStorageSessionStore}).
 *
 * ```ts
 * const client = await GameClient.connect({ gateways: ['ws://127.0.0.1:8080/ws'], listener });
 * await client.login('alice', 'secret-password');
 * const game = await client.create(1, 2);
 * await client.send(game.instanceId, 1, new Uint8Array([3]));
 * ```
 */
export class GameClient
{
    readonly #options: Required<Omit<GameClientOptions, 'listener' | 'webSocket' | 'sessionStore'>>;
    readonly #openSocket: WebSocketFactory;
    readonly #store: SessionStore;
    readonly #listeners: GameClientListener[] = [];
    readonly #frames = new RequestFrames();
    readonly #header = new MessageHeaderDecoder();
    readonly #known: string[] = [];
    readonly #pending = new Waiting<Uint8Array>();
    readonly #acks = new Waiting<void>();
    #correlations = 0n;
    #sequences = 0n;
    #socket: WebSocketLike | null = null;
    #url: string | null = null;
    #lastEventSequence = 0n;
    #userId = 0n;
    #token: string | null = null;
    #instanceId = 0n;
    #closed = false;
    #kicked = false;
    #moving = false;
    #lastResume: number = ResumeKind.NEW_SESSION;

    private constructor(options: GameClientOptions)
    {
        this.#options = {
            gateways: [...options.gateways],
            requestTimeoutMs: options.requestTimeoutMs ?? 10_000,
            connectTimeoutMs: options.connectTimeoutMs ?? 5_000,
            reconnectBudgetMs: options.reconnectBudgetMs ?? 30_000,
            clientName: options.clientName ?? 'gamehall-ts/0.1.0',
            random: options.random ?? Math.random,
            onListenerError: options.onListenerError ?? ((error: unknown) => setTimeout(() =>
            {
                throw error;
            })),
        };
        this.#openSocket = options.webSocket ?? globalWebSocket();
        this.#store = options.sessionStore ?? new MemorySessionStore();
        if (options.listener)
        {
            this.#listeners.push(options.listener);
        }
        this.#learn(options.gateways);
    }

    /**
     * Connect to one of the gateways (tried in random order, then the others; the gateway of a
     * saved session first), say hello and learn the live gateways.
     *
     * @returns the connected client; rejects with a ClientError (NO_GATEWAY, BAD_URL) when no
     * gateway answered.
     */
    static async connect(options: GameClientOptions): Promise<GameClient>
    {
        if (!options.gateways || options.gateways.length === 0)
        {
            throw ClientError.failed(ClientFailure.BAD_URL, 'a client needs at least one gateway URL');
        }
        for (const url of options.gateways)
        {
            if (!/^wss?:\/\/[^/]/i.test(url))
            {
                throw ClientError.failed(ClientFailure.BAD_URL, 'not a ws:// or wss:// URL: ' + url);
            }
        }
        const client = new GameClient(options);
        try
        {
            const saved = client.#store.load();
            await client.#checkIn(client.#candidates(saved?.gatewayUrl ?? null));
            return client;
        }
        catch (error)
        {
            client.close();
            throw error;
        }
    }

    /** The URL of the gateway the client is connected to (or last was). */
    get gatewayUrl(): string | null
    {
        return this.#url;
    }

    /** The logged-in user's id, 0n before login. */
    get userId(): bigint
    {
        return this.#userId;
    }

    /** The session token, null when not logged in. */
    get token(): string | null
    {
        return this.#token;
    }

    /** The instance the user is seated in, as far as the client knows; 0n if none. */
    get instanceId(): bigint
    {
        return this.#instanceId;
    }

    /** The sequence number of the last event received in this session. */
    get lastEventSequence(): bigint
    {
        return this.#lastEventSequence;
    }

    /** Whether a connection is open now (and not being replaced by a reconnect). */
    get connected(): boolean
    {
        return this.#socket !== null && this.#socket.readyState === OPEN && !this.#moving;
    }

    /** The gateways the client knows of (seeds and what gateways told it). */
    get knownGateways(): string[]
    {
        return [...this.#known];
    }

    /**
     * Add a listener.
     *
     * @returns a function that removes it.
     */
    addListener(listener: GameClientListener): () => void
    {
        this.#listeners.push(listener);
        return () =>
        {
            const index = this.#listeners.indexOf(listener);
            if (index >= 0)
            {
                this.#listeners.splice(index, 1);
            }
        };
    }

    // ------------------------------------------------------------------ requests

    /**
     * Create an account and log in. Refusals (ClientError.code): INVALID_NAME, INVALID_PASSWORD,
     * NAME_TAKEN, TOO_MANY_REGISTRATIONS and OVERLOADED (wait retryAfterMs), LOGIN_IN_PROGRESS...
     */
    register(name: string, password: string): Promise<Login>
    {
        return this.#authenticate((id) => this.#frames.register(id, name, password));
    }

    /**
     * Log in. Refusals: WRONG_CREDENTIALS, TOO_MANY_ATTEMPTS and OVERLOADED (wait retryAfterMs),
     * LOGIN_IN_PROGRESS, GATEWAY_DRAINING...
     */
    login(name: string, password: string): Promise<Login>
    {
        return this.#authenticate((id) => this.#frames.login(id, name, password));
    }

    /**
     * Take a session up again with a token. On the gateway that holds it, the events after
     * lastSeenEvent are sent again (resumed CONTINUED); elsewhere, or when too many were missed,
     * the game sends its whole state (NEW_SESSION). Refusals: TOKEN_INVALID, TOKEN_EXPIRED,
     * TOKEN_REVOKED (log in again).
     */
    resume(token: string, lastSeenEvent: Id = 0n): Promise<Login>
    {
        const lastSeen = toId(lastSeenEvent);
        return this.#authenticate((id) => this.#frames.resume(id, lastSeen, token));
    }

    /**
     * Take up the session kept in the session store (after a reload of the page), asking for
     * every event the gateway still keeps (a new page has none of them); the game sends its whole
     * state when those are not all kept.
     *
     * @returns the login, or null when no session was kept. A refused token is forgotten.
     */
    async resumeSaved(): Promise<Login | null>
    {
        const saved = this.#store.load();
        if (saved === null)
        {
            return null;
        }
        try
        {
            return await this.resume(saved.token, 0n);
        }
        catch (error)
        {
            if (error instanceof ClientError && error.code !== null && TOKEN_REFUSALS.has(error.code))
            {
                this.#store.clear();
            }
            throw error;
        }
    }

    /**
     * Replace the logged-in user's password. Every token issued before stops resuming; the answer
     * carries this session's new token (kept by the client). Refusals: WRONG_CREDENTIALS,
     * INVALID_PASSWORD, TOO_MANY_ATTEMPTS, OVERLOADED, NOT_LOGGED_IN...
     */
    changePassword(oldPassword: string, newPassword: string): Promise<Login>
    {
        return this.#request((id) => this.#frames.changePassword(id, oldPassword, newPassword),
            (frame) => this.#login(frame));
    }

    /**
     * End the session: the gateway revokes the token and closes the connection; the client does
     * not reconnect and forgets the session (also when the request fails).
     */
    async logout(): Promise<void>
    {
        this.#kicked = true;
        try
        {
            await this.#request((id) => this.#frames.logout(id), (frame) => this.#result(frame));
        }
        finally
        {
            this.#forgetSession();
        }
    }

    /**
     * Create an instance and take its first seat. Refusals: NO_CAPACITY, ALREADY_IN_INSTANCE,
     * INVALID_VALUE, TIMEOUT (it may have been created: search before asking again)...
     */
    create(gameType: number, maxPlayers: number, attributes: Attributes = {}): Promise<Instance>
    {
        return this.#request((id) => this.#frames.create(id, gameType, maxPlayers, attributes),
            (frame) => this.#instance(frame));
    }

    /** Take a seat in an instance. Refusals: UNKNOWN_INSTANCE, INSTANCE_FULL, INSTANCE_NOT_JOINABLE... */
    join(instanceId: Id): Promise<Instance>
    {
        const instance = toId(instanceId);
        return this.#request((id) => this.#frames.join(id, instance), (frame) => this.#instance(frame));
    }

    /** Give a seat up (0n: whatever seat the user holds). */
    async leave(instanceId: Id = 0n): Promise<void>
    {
        const instance = toId(instanceId);
        await this.#request((id) => this.#frames.leave(id, instance), (frame) => this.#result(frame));
        if (instance === 0n || this.#instanceId === instance)
        {
            this.#instanceId = 0n;
        }
    }

    /**
     * Open instances of a game type, filtered by attributes (0 or absent: any) and free seats.
     *
     * @param options maxResults 1..64 (default 20), cursor: nextCursor of the previous page.
     */
    search(gameType: number, options: Attributes & { minOpenSeats?: number; maxResults?: number; cursor?: Id } = {})
        : Promise<SearchPage>
    {
        const cursor = toId(options.cursor ?? 0n);
        return this.#request((id) => this.#frames.search(id, gameType, options, options.minOpenSeats ?? 1,
            options.maxResults ?? 20, cursor), (frame) => this.#searchPage(frame));
    }

    /**
     * The user's finished games, newest first.
     *
     * @param before 0n for the newest, else nextCursor of the previous page.
     * @param maxResults 1..100.
     */
    history(before: Id = 0n, maxResults = 20): Promise<HistoryPage>
    {
        const cursor = toId(before);
        return this.#request((id) => this.#frames.history(id, cursor, maxResults), (frame) => this.#historyPage(frame));
    }

    /**
     * Send a message to the game of an instance.
     *
     * @returns resolves when the game acknowledges it (games that commit their moves do; others
     * never acknowledge: use post for those), rejects with the game's refusal (ClientError).
     */
    send(instanceId: Id, kind: number, payload: Uint8Array): Promise<void>
    {
        const sequence = ++this.#sequences;
        return new Promise<void>((resolve, reject) =>
        {
            this.#acks.wait(sequence, this.#options.requestTimeoutMs, () => ClientError.failed(ClientFailure.TIMEOUT,
                'no acknowledgement of game message ' + sequence + ' within ' + this.#options.requestTimeoutMs + ' ms'),
            resolve, reject);
            const failure = this.#sendGameMessage(toId(instanceId), sequence, kind, payload);
            if (failure !== null)
            {
                this.#acks.take(sequence)?.reject(failure);
            }
        });
    }

    /**
     * Send a message to the game without waiting for anything (real-time input).
     *
     * @returns its sequence number (in onGameAck / onGameError), or -1n when not connected.
     */
    post(instanceId: Id, kind: number, payload: Uint8Array): bigint
    {
        const sequence = ++this.#sequences;
        return this.#sendGameMessage(toId(instanceId), sequence, kind, payload) === null ? sequence : -1n;
    }

    /**
     * Drop the connection as a network failure would (tests and demos): the client reconnects
     * and resumes as it would after a real one.
     */
    dropConnection(): void
    {
        this.#socket?.close();
    }

    /** Close the connection for good; requests waiting fail with CLOSED. The session is kept in the store. */
    close(): void
    {
        this.#closed = true;
        const socket = this.#socket;
        this.#socket = null;
        socket?.close();
        this.#failPending(ClientFailure.CLOSED, 'the client was closed');
    }

    // ------------------------------------------------------------------ plumbing

    #authenticate(frame: (correlationId: bigint) => Uint8Array): Promise<Login>
    {
        const connected = this.#socket !== null && this.#socket.readyState === OPEN;
        const ready = connected || this.#moving || this.#closed || this.#token !== null ?
            Promise.resolve() : this.#checkIn(this.#candidates(this.#url));
        return ready.then(() => this.#request(frame, (answer) => this.#login(answer)));
    }

    /**
     * Send a request and wait for its answer.
     *
     * @param internal a frame of the client's own (hello, resume) that does not wait for a resume.
     */
    #request<T>(encode: (correlationId: bigint) => Uint8Array, parse: (frame: Uint8Array) => T, internal = false)
        : Promise<T>
    {
        return new Promise<T>((resolve, reject) =>
        {
            const socket = this.#socket;
            if (this.#closed)
            {
                reject(ClientError.failed(ClientFailure.CLOSED, 'the client was closed'));
                return;
            }
            if (socket === null || socket.readyState !== OPEN || (this.#moving && !internal))
            {
                reject(ClientError.failed(ClientFailure.NOT_CONNECTED, this.#moving ?
                    'reconnecting to a gateway: send again after onResumed' : 'not connected to a gateway'));
                return;
            }
            const correlationId = ++this.#correlations;
            let frame: Uint8Array;
            try
            {
                frame = encode(correlationId);
            }
            catch (error)
            {
                reject(ClientError.failed(ClientFailure.BAD_REQUEST, (error as Error).message, error));
                return;
            }
            this.#pending.wait(correlationId, this.#options.requestTimeoutMs, () => ClientError.failed(
                ClientFailure.TIMEOUT, 'no answer within ' + this.#options.requestTimeoutMs +
                ' ms; the request may or may not have been applied'),
            (answer) =>
            {
                let value: T;
                try
                {
                    value = parse(answer);
                }
                catch (error)
                {
                    reject(error instanceof Error ? error : new Error(String(error)));
                    return;
                }
                resolve(value);
            }, reject);
            socket.send(frame);
        });
    }

    #sendGameMessage(instanceId: bigint, sequence: bigint, kind: number, payload: Uint8Array): ClientError | null
    {
        const socket = this.#socket;
        if (this.#closed)
        {
            return ClientError.failed(ClientFailure.CLOSED, 'the client was closed');
        }
        if (socket === null || socket.readyState !== OPEN || this.#moving)
        {
            return ClientError.failed(ClientFailure.NOT_CONNECTED, 'not connected to a gateway');
        }
        let frame: Uint8Array;
        try
        {
            frame = this.#frames.gameMessage(instanceId, sequence, kind, payload);
        }
        catch (error)
        {
            return ClientError.failed(ClientFailure.BAD_REQUEST, (error as Error).message, error);
        }
        socket.send(frame);
        return null;
    }

    /** Gateways to try: the preferred one first (if any), then the known ones in random order. */
    #candidates(preferred: string | null): string[]
    {
        const list = [...this.#known];
        for (let i = list.length - 1; i > 0; i--)
        {
            const j = Math.floor(this.#options.random() * (i + 1));
            [list[i], list[j]] = [list[j]!, list[i]!];
        }
        if (preferred !== null)
        {
            const index = list.indexOf(preferred);
            if (index >= 0)
            {
                list.splice(index, 1);
            }
            list.unshift(preferred);
        }
        return list;
    }

    #learn(urls: string[]): void
    {
        for (const url of urls)
        {
            if (!this.#known.includes(url))
            {
                this.#known.push(url);
            }
        }
    }

    /**
     * Connect to the first gateway of the list that answers a hello (and is not draining); when
     * none did, to gateways learned meanwhile (from the hellos of draining ones), in random order.
     */
    async #checkIn(urls: string[]): Promise<string>
    {
        let lastError: unknown = null;
        const queue = [...urls];
        const tried = new Set<string>();
        while (queue.length > 0 && !this.#closed)
        {
            const candidate = queue.shift()!;
            tried.add(candidate);
            let socket: WebSocketLike | null = null;
            try
            {
                socket = await this.#open(candidate);
                if (this.#closed)
                {
                    throw ClientError.failed(ClientFailure.CLOSED, 'the client was closed');
                }
                const previous = this.#socket;
                this.#socket = socket;
                this.#url = candidate;
                if (previous !== null && previous !== socket)
                {
                    previous.close();
                }
                await this.#request((id) => this.#frames.hello(id, this.#options.clientName),
                    (frame) => this.#helloReply(frame, candidate), true);
                return candidate;
            }
            catch (error)
            {
                lastError = error;
                if (socket !== null)
                {
                    if (this.#socket === socket)
                    {
                        this.#socket = null;
                    }
                    socket.close();
                }
            }
            if (queue.length === 0)
            {
                queue.push(...this.#candidates(null).filter((url) => !tried.has(url)));
            }
        }
        throw ClientError.failed(ClientFailure.NO_GATEWAY, 'no gateway answered (tried ' + [...tried].join(', ') + ')' +
            (lastError instanceof Error ? ': ' + lastError.message : ''), lastError ?? undefined);
    }

    #open(url: string): Promise<WebSocketLike>
    {
        return new Promise<WebSocketLike>((resolve, reject) =>
        {
            let socket: WebSocketLike;
            try
            {
                socket = this.#openSocket(url);
                socket.binaryType = 'arraybuffer';
            }
            catch (error)
            {
                reject(ClientError.failed(ClientFailure.BAD_URL, 'cannot open ' + url + ': ' + (error as Error).message,
                    error));
                return;
            }
            let settled = false;
            const timer = setTimeout(() =>
            {
                settled = true;
                socket.close();
                reject(ClientError.failed(ClientFailure.CONNECT_FAILED, 'connecting to ' + url + ' took more than ' +
                    this.#options.connectTimeoutMs + ' ms'));
            }, this.#options.connectTimeoutMs);
            socket.onopen = () =>
            {
                if (settled)
                {
                    return;
                }
                settled = true;
                clearTimeout(timer);
                resolve(socket);
            };
            socket.onerror = () =>
            {
                // the close that follows says it
            };
            socket.onclose = (event) =>
            {
                if (!settled)
                {
                    settled = true;
                    clearTimeout(timer);
                    reject(ClientError.failed(ClientFailure.CONNECT_FAILED, 'cannot connect to ' + url +
                        (event.code ? ' (close code ' + event.code + ')' : '')));
                    return;
                }
                if (socket === this.#socket)
                {
                    this.#socket = null;
                    this.#connectionLost('connection to ' + url + ' closed' +
                        (event.code ? ' (code ' + event.code + (event.reason ? ', ' + event.reason : '') + ')' : ''));
                }
            };
            socket.onmessage = (event) =>
            {
                if (socket === this.#socket && event.data instanceof ArrayBuffer)
                {
                    this.#onFrame(new Uint8Array(event.data));
                }
            };
        });
    }

    /** The connection was lost (not by our choice): reconnect to a gateway and resume the session. */
    #connectionLost(reason: string): void
    {
        this.#failPending(ClientFailure.CONNECTION_LOST, reason);
        if (this.#closed || this.#kicked || this.#moving)
        {
            return;
        }
        this.#emit((l) => l.onDisconnected?.(reason));
        if (this.#token === null)
        {
            return;
        }
        this.#moveTo(this.#candidates(this.#url), Date.now() + this.#options.reconnectBudgetMs, 0);
    }

    #moveTo(urls: string[], deadline: number, attempt: number): void
    {
        this.#moving = true;
        const token = this.#token;
        if (token === null)
        {
            this.#moving = false;
            return;
        }
        this.#checkIn(urls)
            .then((url) => this.#request((id) => this.#frames.resume(id, this.#lastEventSequence, token),
                (frame) => this.#login(frame), true).then(() => url))
            .then((url) =>
            {
                this.#moving = false;
                this.#emit((l) => l.onResumed?.(this.#lastResume, url));
            }, (error: unknown) =>
            {
                const refused = error instanceof ClientError && error.code !== null && TOKEN_REFUSALS.has(error.code);
                if (this.#closed || refused || Date.now() > deadline)
                {
                    this.#moving = false;
                    const reason = error instanceof Error ? error.message : String(error);
                    if (refused)
                    {
                        this.#forgetSession();
                    }
                    this.#failPending(ClientFailure.CONNECTION_LOST, 'gave up reconnecting: ' + reason);
                    if (!this.#closed)
                    {
                        this.#emit((l) => l.onGaveUp?.(reason));
                    }
                    return;
                }
                const backoff = Math.min(2_000, 100 * 2 ** Math.min(attempt, 5));
                setTimeout(() => this.#moveTo(this.#candidates(null), deadline, attempt + 1), backoff);
            });
    }

    #failPending(failure: Exclude<ClientFailure, 'REFUSED'>, reason: string): void
    {
        this.#pending.failAll(() => ClientError.failed(failure, reason));
        this.#acks.failAll(() => ClientError.failed(failure, reason));
    }

    #forgetSession(): void
    {
        this.#token = null;
        this.#userId = 0n;
        this.#instanceId = 0n;
        this.#store.clear();
    }

    #saveSession(): void
    {
        if (this.#token !== null && this.#url !== null)
        {
            this.#store.save({
                token: this.#token,
                userId: this.#userId.toString(),
                gatewayUrl: this.#url,
                lastEventSequence: this.#lastEventSequence.toString(),
            });
        }
    }

    #emit(call: (listener: GameClientListener) => void): void
    {
        for (const listener of [...this.#listeners])
        {
            try
            {
                call(listener);
            }
            catch (error)
            {
                this.#options.onListenerError(error);
            }
        }
    }

    // ------------------------------------------------------------------ answers

    /** Throws, as {@link #unexpected} says, when the frame is not the answer expected. */
    #expect(frame: Uint8Array, templateId: number): void
    {
        if (this.#header.wrap(frame, 0).templateId() !== templateId)
        {
            throw this.#unexpected(frame);
        }
    }

    #unexpected(frame: Uint8Array): ClientError
    {
        const header = this.#header.wrap(frame, 0);
        if (header.templateId() === ResultDecoder.TEMPLATE_ID)
        {
            const d = new ResultDecoder().wrapAndApplyHeader(frame, 0, this.#header);
            d.correlationId();
            const code = d.code();
            return ClientError.refused(code, d.message());
        }
        return ClientError.refused(ClientCode.INTERNAL, 'unexpected answer, template ' + header.templateId());
    }

    #helloReply(frame: Uint8Array, candidate: string): string
    {
        this.#expect(frame, HelloReplyDecoder.TEMPLATE_ID);
        const d = new HelloReplyDecoder().wrapAndApplyHeader(frame, 0, this.#header);
        d.correlationId();
        const draining = d.draining() === 1;
        const urls: string[] = [];
        for (const g of d.gateways())
        {
            g.serverId();
            urls.push(g.url());
        }
        this.#learn(urls);
        if (draining)
        {
            throw ClientError.refused(ClientCode.GATEWAY_DRAINING, candidate + ' is draining');
        }
        return candidate;
    }

    #login(frame: Uint8Array): Login
    {
        this.#expect(frame, LoginResultDecoder.TEMPLATE_ID);
        const d = new LoginResultDecoder().wrapAndApplyHeader(frame, 0, this.#header);
        d.correlationId();
        const code = d.code();
        const userId = d.userId();
        const expiresAtMs = d.expiresAtMs();
        const instanceId = d.instanceId();
        const resumed = d.resumed();
        const retryAfter = d.retryAfterMs();
        const token = d.token();
        const message = d.message();
        if (code !== ClientCode.OK)
        {
            const wait = retryAfter === LoginResultDecoder.retryAfterMsNullValue() || retryAfter < 0n ? 0 :
                Number(retryAfter);
            throw ClientError.refused(code, message, wait);
        }
        this.#userId = userId;
        this.#token = token;
        this.#instanceId = instanceId;
        this.#kicked = false;
        this.#saveSession();
        return { userId, token, expiresAtMs, instanceId, resumed };
    }

    #instance(frame: Uint8Array): Instance
    {
        this.#expect(frame, InstanceResultDecoder.TEMPLATE_ID);
        const d = new InstanceResultDecoder().wrapAndApplyHeader(frame, 0, this.#header);
        d.correlationId();
        const code = d.code();
        const instanceId = d.instanceId();
        const gameType = d.gameType();
        const maxPlayers = d.maxPlayers();
        const message = d.message();
        if (code !== ClientCode.OK)
        {
            throw ClientError.refused(code, message);
        }
        this.#instanceId = instanceId;
        return { instanceId, gameType, maxPlayers };
    }

    #result(frame: Uint8Array): void
    {
        this.#expect(frame, ResultDecoder.TEMPLATE_ID);
        const d = new ResultDecoder().wrapAndApplyHeader(frame, 0, this.#header);
        d.correlationId();
        const code = d.code();
        const message = d.message();
        if (code !== ClientCode.OK)
        {
            throw ClientError.refused(code, message);
        }
    }

    #searchPage(frame: Uint8Array): SearchPage
    {
        this.#expect(frame, SearchResultDecoder.TEMPLATE_ID);
        const d = new SearchResultDecoder().wrapAndApplyHeader(frame, 0, this.#header);
        d.correlationId();
        const code = d.code();
        const nextCursor = d.nextCursor();
        const instances: InstanceSummary[] = [];
        for (const i of d.instances())
        {
            instances.push({
                instanceId: i.instanceId(), gameType: i.gameType(), phase: i.phase(), ownerId: i.ownerId(),
                maxPlayers: i.maxPlayers(), playerCount: i.playerCount(), region: i.region(), mode: i.mode(),
                ratingBand: i.ratingBand(),
            });
        }
        if (code !== ClientCode.OK)
        {
            throw ClientError.refused(code, 'search refused');
        }
        return { instances, nextCursor };
    }

    #historyPage(frame: Uint8Array): HistoryPage
    {
        this.#expect(frame, HistoryResultDecoder.TEMPLATE_ID);
        const d = new HistoryResultDecoder().wrapAndApplyHeader(frame, 0, this.#header);
        d.correlationId();
        const code = d.code();
        const nextCursor = d.nextCursor();
        const games: GameSummary[] = [];
        for (const g of d.games())
        {
            games.push({ gameId: g.gameId(), gameType: g.gameType(), endTimeMs: g.endTimeMs(), outcome: g.outcome() });
        }
        if (code !== ClientCode.OK)
        {
            throw ClientError.refused(code, 'history refused');
        }
        return { games, nextCursor };
    }

    // ------------------------------------------------------------------ frames in

    #onFrame(frame: Uint8Array): void
    {
        try
        {
            const header = this.#header.wrap(frame, 0);
            if (header.schemaId() !== SCHEMA_ID)
            {
                throw new Error('a frame of schema ' + header.schemaId() + ', not the client protocol');
            }
            const templateId = header.templateId();
            if (ANSWER_TEMPLATES.has(templateId))
            {
                this.#onAnswer(frame, templateId);
            }
            else if (templateId === ProtocolErrorDecoder.TEMPLATE_ID)
            {
                const d = new ProtocolErrorDecoder().wrapAndApplyHeader(frame, 0, this.#header);
                const code = d.code();
                const message = d.message();
                this.#emit((l) => l.onProtocolError?.(code, message));
            }
            else
            {
                this.#onEvent(frame, templateId);
            }
        }
        catch (error)
        {
            const failure = error instanceof Error ? error : new Error(String(error));
            this.#emit((l) => l.onError?.(failure));
        }
    }

    #onAnswer(frame: Uint8Array, templateId: number): void
    {
        // every answer starts its block with the correlation id
        if (frame.length < MessageHeaderDecoder.ENCODED_LENGTH + 8)
        {
            throw new Error('an answer too short for its correlation id');
        }
        const correlationId = new DataView(frame.buffer, frame.byteOffset, frame.byteLength)
            .getBigInt64(MessageHeaderDecoder.ENCODED_LENGTH, true);
        if (templateId === LoginResultDecoder.TEMPLATE_ID)
        {
            const d = new LoginResultDecoder().wrapAndApplyHeader(frame, 0, this.#header);
            if (d.code() === ClientCode.OK)
            {
                this.#lastResume = d.resumed();
                if (this.#lastResume !== ResumeKind.CONTINUED)
                {
                    // a new session numbers its events from 1
                    this.#lastEventSequence = 0n;
                }
            }
        }
        this.#pending.take(correlationId)?.answer(frame);
    }

    #onEvent(frame: Uint8Array, templateId: number): void
    {
        switch (templateId)
        {
            case GameEventDecoder.TEMPLATE_ID:
            {
                const d = new GameEventDecoder().wrapAndApplyHeader(frame, 0, this.#header);
                this.#sawEvent(d.eventSequence());
                const instanceId = d.instanceId();
                const kind = d.kind();
                const payload = d.payload();
                this.#emit((l) => l.onGameEvent?.(instanceId, kind, payload));
                break;
            }
            case GameAckDecoder.TEMPLATE_ID:
            {
                const d = new GameAckDecoder().wrapAndApplyHeader(frame, 0, this.#header);
                this.#sawEvent(d.eventSequence());
                const instanceId = d.instanceId();
                const sequence = d.sequence();
                this.#emit((l) => l.onGameAck?.(instanceId, sequence));
                this.#acks.take(sequence)?.answer();
                break;
            }
            case GameErrorDecoder.TEMPLATE_ID:
            {
                const d = new GameErrorDecoder().wrapAndApplyHeader(frame, 0, this.#header);
                this.#sawEvent(d.eventSequence());
                const instanceId = d.instanceId();
                const sequence = d.sequence();
                const code = d.code();
                const reason = d.reason();
                this.#emit((l) => l.onGameError?.(instanceId, sequence, code, reason));
                this.#acks.take(sequence)?.reject(ClientError.refused(code, reason));
                break;
            }
            case PlayerPresenceDecoder.TEMPLATE_ID:
            {
                const d = new PlayerPresenceDecoder().wrapAndApplyHeader(frame, 0, this.#header);
                this.#sawEvent(d.eventSequence());
                const instanceId = d.instanceId();
                const userId = d.userId();
                const seated = d.seated() === 1;
                this.#emit((l) => l.onPresence?.(instanceId, userId, seated));
                break;
            }
            case InstanceClosedDecoder.TEMPLATE_ID:
            {
                const d = new InstanceClosedDecoder().wrapAndApplyHeader(frame, 0, this.#header);
                this.#sawEvent(d.eventSequence());
                const instanceId = d.instanceId();
                const cause = d.cause();
                const summary = d.summary();
                if (this.#instanceId === instanceId)
                {
                    this.#instanceId = 0n;
                }
                this.#emit((l) => l.onInstanceClosed?.(instanceId, cause, summary));
                break;
            }
            case InstanceMovedDecoder.TEMPLATE_ID:
            {
                const d = new InstanceMovedDecoder().wrapAndApplyHeader(frame, 0, this.#header);
                this.#sawEvent(d.eventSequence());
                const instanceId = d.instanceId();
                this.#emit((l) => l.onInstanceMoved?.(instanceId));
                break;
            }
            case KickedDecoder.TEMPLATE_ID:
            {
                const d = new KickedDecoder().wrapAndApplyHeader(frame, 0, this.#header);
                this.#sawEvent(d.eventSequence());
                const cause = d.cause();
                if (cause !== KickCause.GATEWAY_CLOSING)
                {
                    this.#kicked = true;
                    this.#forgetSession();
                }
                this.#emit((l) => l.onKicked?.(cause));
                break;
            }
            case GatewayListDecoder.TEMPLATE_ID:
            {
                const d = new GatewayListDecoder().wrapAndApplyHeader(frame, 0, this.#header);
                this.#sawEvent(d.eventSequence());
                const urls: string[] = [];
                for (const g of d.gateways())
                {
                    g.serverId();
                    urls.push(g.url());
                }
                this.#learn(urls);
                this.#emit((l) => l.onGatewayList?.(urls));
                break;
            }
            case DrainingDecoder.TEMPLATE_ID:
            {
                const d = new DrainingDecoder().wrapAndApplyHeader(frame, 0, this.#header);
                this.#sawEvent(d.eventSequence());
                const urls: string[] = [];
                for (const g of d.gateways())
                {
                    g.serverId();
                    urls.push(g.url());
                }
                this.#learn(urls);
                const draining = this.#known.indexOf(this.#url ?? '');
                if (draining >= 0)
                {
                    this.#known.splice(draining, 1);
                }
                const elsewhere = urls.filter((u) => u !== this.#url);
                if (elsewhere.length > 0 && this.#token !== null && !this.#closed && !this.#moving)
                {
                    this.#moveTo(elsewhere, Date.now() + this.#options.reconnectBudgetMs, 0);
                }
                break;
            }
            default:
                // a message of a newer schema version this build does not know
                break;
        }
    }

    #sawEvent(sequence: bigint): void
    {
        if (sequence > this.#lastEventSequence)
        {
            this.#lastEventSequence = sequence;
            this.#saveSession();
        }
    }
}
