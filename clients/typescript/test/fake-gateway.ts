// A stand-in for session gateways in the client's tests: WebSocket servers on loopback that
// speak the client protocol with the generated codecs, keep sessions and their events the way
// a gateway does (numbered per session, kept for a resume on the same gateway), and can be told
// to refuse, stay silent, drain, kick, drop connections or die. The real gateway is exercised by
// GameClientEndToEndTest (Java).

import { WebSocketServer, WebSocket } from 'ws';
import type { AddressInfo } from 'node:net';
import * as c from '../src/generated/client.js';

const HEADER = c.MessageHeaderEncoder.ENCODED_LENGTH;

export interface Account
{
    userId: bigint;
    name: string;
    password: string;
}

/** What all fake gateways share: accounts and tokens (the store), instance ids (the master). */
export class FakeHall
{
    readonly accounts = new Map<string, Account>();
    readonly tokens = new Map<string, Account>();
    readonly revoked = new Set<string>();
    nextUserId = 1_000_000_000_000n;
    nextInstanceId = 9_007_199_254_740_993n; // past 2^53: only a bigint holds it
    readonly gateways: FakeGateway[] = [];

    async gateway(name: string): Promise<FakeGateway>
    {
        const gateway = await FakeGateway.start(this, name);
        this.gateways.push(gateway);
        return gateway;
    }

    async close(): Promise<void>
    {
        await Promise.all(this.gateways.map((g) => g.close()));
    }
}

interface KeptEvent
{
    sequence: bigint;
    frame: Uint8Array;
}

/** A session held by one fake gateway. */
export class FakeSession
{
    eventSequence = 0n;
    readonly kept: KeptEvent[] = [];
    socket: WebSocket | null = null;

    constructor(readonly account: Account)
    {
    }
}

/** One request the fake gateway received. */
export interface Received
{
    template: number;
    correlationId?: bigint;
    lastEventSequence?: bigint;
    token?: string;
    name?: string;
}

export class FakeGateway
{
    readonly sessions = new Map<bigint, FakeSession>();
    readonly received: Received[] = [];
    readonly connections = new Set<WebSocket>();
    /** Answer hellos saying this gateway takes no new logins. */
    draining = false;
    /** Answer nothing to these templates (for timeouts). */
    readonly silentTo = new Set<number>();
    /** The refusal of the next login, if any. */
    refuseNextLogin: { code: number; message: string; retryAfterMs: bigint } | null = null;
    /** The gateways a hello reply lists (default: every gateway of the hall). */
    helloGateways: string[] | null = null;
    #nextResume: number | null = null;
    readonly #buffer = new Uint8Array(1 << 16);

    private constructor(readonly hall: FakeHall, readonly name: string, readonly server: WebSocketServer,
        readonly url: string)
    {
    }

    static start(hall: FakeHall, name: string): Promise<FakeGateway>
    {
        return new Promise((resolve, reject) =>
        {
            const server = new WebSocketServer({ host: '127.0.0.1', port: 0, path: '/ws' });
            server.once('error', reject);
            server.once('listening', () =>
            {
                const port = (server.address() as AddressInfo).port;
                const gateway = new FakeGateway(hall, name, server, 'ws://127.0.0.1:' + port + '/ws');
                server.on('connection', (socket) => gateway.#accept(socket));
                resolve(gateway);
            });
        });
    }

    /** Stop listening and drop every connection (as a gateway that dies). */
    close(): Promise<void>
    {
        for (const socket of this.connections)
        {
            socket.terminate();
        }
        return new Promise((resolve) => this.server.close(() => resolve()));
    }

    /** Drop every connection (the sessions stay, as after a network failure). */
    dropConnections(): void
    {
        for (const socket of this.connections)
        {
            socket.terminate();
        }
    }

    /** Make the next resume answer with this code instead of continuing. */
    refuseNextResume(code: number): void
    {
        this.#nextResume = code;
    }

    session(name: string): FakeSession
    {
        const account = this.hall.accounts.get(name);
        const session = account && this.sessions.get(account.userId);
        if (!session)
        {
            throw new Error('no session of ' + name + ' on ' + this.name);
        }
        return session;
    }

    gameEvent(name: string, instanceId: bigint, kind: number, payload: Uint8Array): void
    {
        this.#event(this.session(name), (seq) => new c.GameEventEncoder()
            .wrapAndApplyHeader(this.#buffer, 0, new c.MessageHeaderEncoder())
            .eventSequence(seq).instanceId(instanceId).kind(kind).payload(payload));
    }

    presence(name: string, instanceId: bigint, userId: bigint, seated: boolean): void
    {
        this.#event(this.session(name), (seq) => new c.PlayerPresenceEncoder()
            .wrapAndApplyHeader(this.#buffer, 0, new c.MessageHeaderEncoder())
            .eventSequence(seq).instanceId(instanceId).userId(userId).seated(seated ? 1 : 0));
    }

    instanceClosed(name: string, instanceId: bigint, cause: c.CloseCause, summary: string): void
    {
        this.#event(this.session(name), (seq) => new c.InstanceClosedEncoder()
            .wrapAndApplyHeader(this.#buffer, 0, new c.MessageHeaderEncoder())
            .eventSequence(seq).instanceId(instanceId).cause(cause).summary(summary));
    }

    /** Kick a user with a raw cause value (a KickCause, or one the client does not know). */
    kick(name: string, cause: number, close = true): void
    {
        const session = this.session(name);
        this.#event(session, (seq) =>
        {
            const e = new c.KickedEncoder().wrapAndApplyHeader(this.#buffer, 0, new c.MessageHeaderEncoder())
                .eventSequence(seq);
            new DataView(this.#buffer.buffer).setUint8(HEADER + 8, cause);
            return e;
        });
        if (close)
        {
            session.socket?.close();
        }
    }

    gatewayList(name: string, urls: string[]): void
    {
        this.#event(this.session(name), (seq) =>
        {
            const e = new c.GatewayListEncoder().wrapAndApplyHeader(this.#buffer, 0, new c.MessageHeaderEncoder())
                .eventSequence(seq);
            const g = e.gatewaysCount(urls.length);
            urls.forEach((url, i) => g.next().serverId(BigInt(i + 1)).url(url));
            return e;
        });
    }

    drain(name: string, urls: string[]): void
    {
        this.#event(this.session(name), (seq) =>
        {
            const e = new c.DrainingEncoder().wrapAndApplyHeader(this.#buffer, 0, new c.MessageHeaderEncoder())
                .eventSequence(seq);
            const g = e.gatewaysCount(urls.length);
            urls.forEach((url, i) => g.next().serverId(BigInt(i + 1)).url(url));
            return e;
        });
    }

    protocolError(name: string, code: number, message: string): void
    {
        const e = new c.ProtocolErrorEncoder().wrapAndApplyHeader(this.#buffer, 0, new c.MessageHeaderEncoder())
            .code(code as c.ClientCode).message(message);
        this.session(name).socket?.send(this.#buffer.slice(0, HEADER + e.encodedLength()));
    }

    #event(session: FakeSession, encode: (sequence: bigint) => { encodedLength(): number }): void
    {
        const sequence = ++session.eventSequence;
        const e = encode(sequence);
        const frame = this.#buffer.slice(0, HEADER + e.encodedLength());
        session.kept.push({ sequence, frame });
        if (session.socket !== null && session.socket.readyState === WebSocket.OPEN)
        {
            session.socket.send(frame);
        }
    }

    #accept(socket: WebSocket): void
    {
        this.connections.add(socket);
        let session: FakeSession | null = null;
        socket.on('close', () =>
        {
            this.connections.delete(socket);
            if (session !== null && session.socket === socket)
            {
                session.socket = null;
            }
        });
        socket.on('message', (data: Buffer) =>
        {
            const frame = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
            const header = new c.MessageHeaderDecoder().wrap(frame, 0);
            const template = header.templateId();
            const answer = (e: { encodedLength(): number }) =>
                socket.send(this.#buffer.slice(0, HEADER + e.encodedLength()));
            const h = new c.MessageHeaderEncoder();
            switch (template)
            {
                case c.HelloDecoder.TEMPLATE_ID:
                {
                    const d = new c.HelloDecoder().wrapAndApplyHeader(frame, 0, header);
                    const correlationId = d.correlationId();
                    this.received.push({ template, correlationId, name: d.client() });
                    if (this.silentTo.has(template))
                    {
                        return;
                    }
                    const urls = this.helloGateways ?? this.hall.gateways.map((g) => g.url);
                    const e = new c.HelloReplyEncoder().wrapAndApplyHeader(this.#buffer, 0, h)
                        .correlationId(correlationId).gatewayId(1n).serverTimeMs(BigInt(Date.now()))
                        .draining(this.draining ? 1 : 0);
                    const g = e.gatewaysCount(urls.length);
                    urls.forEach((url, i) => g.next().serverId(BigInt(i + 1)).url(url));
                    answer(e);
                    return;
                }
                case c.RegisterDecoder.TEMPLATE_ID:
                case c.LoginDecoder.TEMPLATE_ID:
                {
                    const register = template === c.RegisterDecoder.TEMPLATE_ID;
                    const d = register ? new c.RegisterDecoder().wrapAndApplyHeader(frame, 0, header) :
                        new c.LoginDecoder().wrapAndApplyHeader(frame, 0, header);
                    const correlationId = d.correlationId();
                    const name = d.name();
                    const password = d.password();
                    this.received.push({ template, correlationId, name });
                    if (this.silentTo.has(template))
                    {
                        return;
                    }
                    const refusal = this.refuseNextLogin;
                    this.refuseNextLogin = null;
                    let account = this.hall.accounts.get(name);
                    if (refusal === null && register && account !== undefined)
                    {
                        answer(this.#loginResult(correlationId, c.ClientCode.NAME_TAKEN, null, 'the name is taken'));
                        return;
                    }
                    if (refusal === null && register)
                    {
                        account = { userId: this.hall.nextUserId++, name, password };
                        this.hall.accounts.set(name, account);
                    }
                    if (refusal !== null || account === undefined || account.password !== password)
                    {
                        const e = this.#loginResult(correlationId, refusal?.code ?? c.ClientCode.WRONG_CREDENTIALS, null,
                            refusal?.message ?? 'wrong name or password');
                        e.retryAfterMs(refusal?.retryAfterMs ?? 0n);
                        answer(e);
                        return;
                    }
                    session = new FakeSession(account);
                    session.socket = socket;
                    this.sessions.set(account.userId, session);
                    answer(this.#loginResult(correlationId, c.ClientCode.OK, session, '', c.ResumeKind.NEW_SESSION));
                    return;
                }
                case c.ResumeDecoder.TEMPLATE_ID:
                {
                    const d = new c.ResumeDecoder().wrapAndApplyHeader(frame, 0, header);
                    const correlationId = d.correlationId();
                    const lastEventSequence = d.lastEventSequence();
                    const token = d.token();
                    this.received.push({ template, correlationId, lastEventSequence, token });
                    if (this.silentTo.has(template))
                    {
                        return;
                    }
                    const account = this.hall.tokens.get(token);
                    const refusal = this.#nextResume ?? (account === undefined ? c.ClientCode.TOKEN_INVALID :
                        this.hall.revoked.has(token) ? c.ClientCode.TOKEN_REVOKED : null);
                    this.#nextResume = null;
                    if (refusal !== null || account === undefined)
                    {
                        answer(this.#loginResult(correlationId, refusal ?? c.ClientCode.TOKEN_INVALID, null, 'refused'));
                        return;
                    }
                    const kept = this.sessions.get(account.userId);
                    const first = kept && kept.kept.length > 0 ? kept.kept[0]!.sequence : (kept?.eventSequence ?? 0n) + 1n;
                    const continued = kept !== undefined && lastEventSequence >= 0n && lastEventSequence + 1n >= first &&
                        lastEventSequence <= kept.eventSequence;
                    if (continued)
                    {
                        session = kept!;
                        session.socket?.close();
                        session.socket = socket;
                        answer(this.#loginResult(correlationId, c.ClientCode.OK, session, '', c.ResumeKind.CONTINUED));
                        for (const event of session.kept)
                        {
                            if (event.sequence > lastEventSequence)
                            {
                                socket.send(event.frame);
                            }
                        }
                        return;
                    }
                    session = new FakeSession(account);
                    session.socket = socket;
                    this.sessions.set(account.userId, session);
                    answer(this.#loginResult(correlationId, c.ClientCode.OK, session, '', c.ResumeKind.NEW_SESSION));
                    return;
                }
                case c.LogoutDecoder.TEMPLATE_ID:
                {
                    const correlationId = new c.LogoutDecoder().wrapAndApplyHeader(frame, 0, header).correlationId();
                    this.received.push({ template, correlationId });
                    if (session !== null)
                    {
                        for (const [token, account] of this.hall.tokens)
                        {
                            if (account === session.account)
                            {
                                this.hall.revoked.add(token);
                            }
                        }
                        this.sessions.delete(session.account.userId);
                    }
                    answer(new c.ResultEncoder().wrapAndApplyHeader(this.#buffer, 0, h).correlationId(correlationId)
                        .code(session === null ? c.ClientCode.NOT_LOGGED_IN : c.ClientCode.OK).message(''));
                    socket.close();
                    return;
                }
                case c.CreateInstanceDecoder.TEMPLATE_ID:
                case c.JoinInstanceDecoder.TEMPLATE_ID:
                {
                    const create = template === c.CreateInstanceDecoder.TEMPLATE_ID;
                    let correlationId: bigint;
                    let instanceId: bigint;
                    let gameType = 1;
                    let maxPlayers = 2;
                    if (create)
                    {
                        const d = new c.CreateInstanceDecoder().wrapAndApplyHeader(frame, 0, header);
                        correlationId = d.correlationId();
                        gameType = d.gameType();
                        maxPlayers = d.maxPlayers();
                        instanceId = this.hall.nextInstanceId++;
                    }
                    else
                    {
                        const d = new c.JoinInstanceDecoder().wrapAndApplyHeader(frame, 0, header);
                        correlationId = d.correlationId();
                        instanceId = d.instanceId();
                    }
                    this.received.push({ template, correlationId });
                    if (this.silentTo.has(template))
                    {
                        return;
                    }
                    const full = !create && instanceId === 13n;
                    answer(new c.InstanceResultEncoder().wrapAndApplyHeader(this.#buffer, 0, h)
                        .correlationId(correlationId).code(full ? c.ClientCode.INSTANCE_FULL : c.ClientCode.OK)
                        .instanceId(full ? 0n : instanceId).gameType(gameType).maxPlayers(maxPlayers)
                        .message(full ? 'the instance is full' : ''));
                    return;
                }
                case c.LeaveInstanceDecoder.TEMPLATE_ID:
                {
                    const correlationId = new c.LeaveInstanceDecoder().wrapAndApplyHeader(frame, 0, header).correlationId();
                    this.received.push({ template, correlationId });
                    answer(new c.ResultEncoder().wrapAndApplyHeader(this.#buffer, 0, h).correlationId(correlationId)
                        .code(c.ClientCode.OK).message(''));
                    return;
                }
                case c.SearchInstancesDecoder.TEMPLATE_ID:
                {
                    const d = new c.SearchInstancesDecoder().wrapAndApplyHeader(frame, 0, header);
                    const correlationId = d.correlationId();
                    const gameType = d.gameType();
                    const region = d.region();
                    this.received.push({ template, correlationId });
                    const e = new c.SearchResultEncoder().wrapAndApplyHeader(this.#buffer, 0, h)
                        .correlationId(correlationId).code(c.ClientCode.OK).nextCursor(77n);
                    e.instancesCount(1).next().instanceId(this.hall.nextInstanceId).gameType(gameType)
                        .phase(c.InstancePhase.OPEN).ownerId(5n).maxPlayers(4).playerCount(1).region(region).mode(2)
                        .ratingBand(3);
                    answer(e);
                    return;
                }
                case c.GetHistoryDecoder.TEMPLATE_ID:
                {
                    const d = new c.GetHistoryDecoder().wrapAndApplyHeader(frame, 0, header);
                    const correlationId = d.correlationId();
                    this.received.push({ template, correlationId });
                    const e = new c.HistoryResultEncoder().wrapAndApplyHeader(this.#buffer, 0, h)
                        .correlationId(correlationId).code(c.ClientCode.OK).nextCursor(0n);
                    e.gamesCount(2).next().gameId(2n).gameType(1).endTimeMs(2000n).outcome(c.Outcome.WIN)
                        .next().gameId(1n).gameType(1).endTimeMs(1000n).outcome(c.Outcome.DRAW);
                    answer(e);
                    return;
                }
                case c.GameMessageDecoder.TEMPLATE_ID:
                {
                    const d = new c.GameMessageDecoder().wrapAndApplyHeader(frame, 0, header);
                    const instanceId = d.instanceId();
                    const sequence = d.sequence();
                    const kind = d.kind();
                    const payload = d.payload().slice();
                    this.received.push({ template });
                    if (session === null || this.silentTo.has(template))
                    {
                        return;
                    }
                    if (kind === 99)
                    {
                        this.#event(session, (seq) => new c.GameErrorEncoder()
                            .wrapAndApplyHeader(this.#buffer, 0, new c.MessageHeaderEncoder()).eventSequence(seq)
                            .instanceId(instanceId).sequence(sequence).code(c.ClientCode.REJECTED)
                            .reason('not your turn'));
                        return;
                    }
                    this.#event(session, (seq) => new c.GameAckEncoder()
                        .wrapAndApplyHeader(this.#buffer, 0, new c.MessageHeaderEncoder()).eventSequence(seq)
                        .instanceId(instanceId).sequence(sequence));
                    // the game echoes the move to the player
                    this.#event(session, (seq) => new c.GameEventEncoder()
                        .wrapAndApplyHeader(this.#buffer, 0, new c.MessageHeaderEncoder()).eventSequence(seq)
                        .instanceId(instanceId).kind(kind).payload(payload));
                    return;
                }
                default:
                    this.received.push({ template });
            }
        });
    }

    #loginResult(correlationId: bigint, code: number, session: FakeSession | null, message: string,
        resumed: c.ResumeKind = c.ResumeKind.NEW_SESSION): c.LoginResultEncoder
    {
        let token = '';
        if (session !== null)
        {
            token = 'token-' + session.account.name + '-' + this.hall.tokens.size;
            this.hall.tokens.set(token, session.account);
        }
        return new c.LoginResultEncoder().wrapAndApplyHeader(this.#buffer, 0, new c.MessageHeaderEncoder())
            .correlationId(correlationId).code(code as c.ClientCode).userId(session?.account.userId ?? 0n)
            .expiresAtMs(BigInt(Date.now() + 86_400_000)).instanceId(0n).resumed(resumed).retryAfterMs(0n)
            .token(token).message(message);
    }
}
