// The client against fake gateways on loopback (test/fake-gateway.ts): check-in and failover,
// login and its refusals, lobby requests, game messages and events, resume after a dropped
// connection, a dead or draining gateway and a reload of the page, and what happens when it
// cannot resume. Every wait is bounded.

import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { WebSocket } from 'ws';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import {
    ClientCode, ClientError, ClientFailure, CloseCause, GameClient, GameClientListener, GameClientOptions, KickCause,
    kickCauseName, MemorySessionStore, Outcome, ResumeKind, WebStorageSessionStore, WebSocketLike,
} from '../src/index.js';
import { FakeGateway, FakeHall } from './fake-gateway.js';
import * as c from '../src/generated/client.js';

const webSocket = (url: string) => new WebSocket(url) as unknown as WebSocketLike;

const open: { close(): void }[] = [];
let hall: FakeHall;

afterEach(async () =>
{
    for (const client of open.splice(0))
    {
        client.close();
    }
    await hall?.close();
});

async function connect(gateways: FakeGateway[] | string[], options: Partial<GameClientOptions> = {}): Promise<GameClient>
{
    const urls = gateways.map((g) => typeof g === 'string' ? g : g.url);
    const client = await GameClient.connect({ gateways: urls, webSocket, requestTimeoutMs: 2_000, ...options });
    open.push(client);
    return client;
}

/** Wait (up to 5 s) until the condition holds. */
async function until(what: string, condition: () => boolean): Promise<void>
{
    const deadline = Date.now() + 5_000;
    while (!condition())
    {
        if (Date.now() > deadline)
        {
            assert.fail('timed out waiting until ' + what);
        }
        await new Promise((resolve) => setTimeout(resolve, 10));
    }
}

/** A port on loopback where nothing listens. */
async function deadUrl(): Promise<string>
{
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    return 'ws://127.0.0.1:' + port + '/ws';
}

/** Records what a listener is told, as strings. */
class Recorder implements GameClientListener
{
    readonly seen: string[] = [];

    onGameEvent(instanceId: bigint, kind: number, payload: Uint8Array): void
    {
        this.seen.push(`event ${instanceId} ${kind} ${[...payload].join(',')}`);
    }

    onGameAck(instanceId: bigint, sequence: bigint): void
    {
        this.seen.push(`ack ${instanceId} ${sequence}`);
    }

    onGameError(instanceId: bigint, sequence: bigint, code: number, reason: string): void
    {
        this.seen.push(`error ${instanceId} ${sequence} ${c.clientCodeName(code)} ${reason}`);
    }

    onPresence(instanceId: bigint, userId: bigint, seated: boolean): void
    {
        this.seen.push(`presence ${instanceId} ${userId} ${seated}`);
    }

    onInstanceClosed(instanceId: bigint, cause: number, summary: string): void
    {
        this.seen.push(`closed ${instanceId} ${c.closeCauseName(cause)} ${summary}`);
    }

    onKicked(cause: number): void
    {
        this.seen.push(`kicked ${kickCauseName(cause)}`);
    }

    onProtocolError(code: number, message: string): void
    {
        this.seen.push(`protocol ${c.clientCodeName(code)} ${message}`);
    }

    onDisconnected(): void
    {
        this.seen.push('disconnected');
    }

    onResumed(kind: number, url: string): void
    {
        this.seen.push(`resumed ${c.resumeKindName(kind)} ${url}`);
    }

    onGaveUp(): void
    {
        this.seen.push('gave up');
    }

    onGatewayList(urls: string[]): void
    {
        this.seen.push(`gateways ${urls.join(' ')}`);
    }
}

test('check-in skips a gateway that does not answer and learns the others from the hello', async () =>
{
    hall = new FakeHall();
    const a = await hall.gateway('a');
    const b = await hall.gateway('b');
    const dead = await deadUrl();

    const client = await connect([dead, a.url], { random: () => 0.99 });

    assert.equal(client.gatewayUrl, a.url);
    assert.ok(client.connected);
    assert.deepEqual(client.knownGateways.sort(), [dead, a.url, b.url].sort());
    assert.equal(a.received[0]?.name, 'gamehall-ts/0.1.0');
});

test('check-in starts at a random gateway', async () =>
{
    hall = new FakeHall();
    const a = await hall.gateway('a');
    const b = await hall.gateway('b');

    const first = await connect([a, b], { random: () => 0.99 });
    const second = await connect([a, b], { random: () => 0 });

    assert.notEqual(first.gatewayUrl, second.gatewayUrl);
    assert.deepEqual([first.gatewayUrl, second.gatewayUrl].sort(), [a.url, b.url].sort());
});

test('check-in moves on from a draining gateway, and fails with NO_GATEWAY when none answers', async () =>
{
    hall = new FakeHall();
    const a = await hall.gateway('a');
    const b = await hall.gateway('b');
    a.draining = true;

    const client = await connect([a], { random: () => 0 });
    assert.equal(client.gatewayUrl, b.url, 'a listed b in its hello');

    b.draining = true;
    await assert.rejects(connect([a, b]), (e: unknown) => e instanceof ClientError &&
        e.failure === ClientFailure.NO_GATEWAY && /draining/.test(e.message));
    await assert.rejects(connect(['http://127.0.0.1:1/ws']), (e: unknown) => e instanceof ClientError &&
        e.failure === ClientFailure.BAD_URL);
    await assert.rejects(connect([]), (e: unknown) => e instanceof ClientError && e.failure === ClientFailure.BAD_URL);
});

test('without a global WebSocket the client says what to pass', async () =>
{
    // Node.js 18 and 20 have none; later ones do, so hide it for the test.
    const global = globalThis as { WebSocket?: unknown };
    const saved = global.WebSocket;
    delete global.WebSocket;
    try
    {
        await assert.rejects(GameClient.connect({ gateways: ['ws://127.0.0.1:1/ws'] }),
            (e: unknown) => e instanceof TypeError && /options.webSocket/.test(e.message));
    }
    finally
    {
        if (saved !== undefined)
        {
            global.WebSocket = saved;
        }
    }
});

test('register and login answer with the session; refusals carry the protocol code', async () =>
{
    hall = new FakeHall();
    const a = await hall.gateway('a');
    const client = await connect([a]);

    const registered = await client.register('alice', 'secret-one');
    assert.equal(registered.userId, 1_000_000_000_000n);
    assert.equal(registered.resumed, ResumeKind.NEW_SESSION);
    assert.equal(client.token, registered.token);
    assert.equal(client.userId, registered.userId);

    const other = await connect([a]);
    await assert.rejects(other.register('alice', 'x'), (e: unknown) => e instanceof ClientError &&
        e.failure === ClientFailure.REFUSED && e.code === ClientCode.NAME_TAKEN && e.codeName === 'NAME_TAKEN');
    await assert.rejects(other.login('alice', 'wrong'), (e: unknown) => e instanceof ClientError &&
        e.code === ClientCode.WRONG_CREDENTIALS && e.message === 'WRONG_CREDENTIALS: wrong name or password');
    a.refuseNextLogin = { code: ClientCode.TOO_MANY_ATTEMPTS, message: 'wait', retryAfterMs: 1500n };
    await assert.rejects(other.login('alice', 'secret-one'), (e: unknown) => e instanceof ClientError &&
        e.code === ClientCode.TOO_MANY_ATTEMPTS && e.retryAfterMs === 1500);
    a.refuseNextLogin = { code: 200, message: 'from a newer gateway', retryAfterMs: 0n };
    await assert.rejects(other.login('alice', 'secret-one'), (e: unknown) => e instanceof ClientError &&
        e.code === 200 && e.codeName === '200');
    assert.equal(other.token, null);
    const login = await other.login('alice', 'secret-one');
    assert.equal(login.userId, registered.userId);
});

test('lobby requests: create, join, search, leave and history', async () =>
{
    hall = new FakeHall();
    const a = await hall.gateway('a');
    const client = await connect([a]);
    await client.register('bob', 'secret-two');

    const created = await client.create(3, 4, { region: 7 });
    assert.equal(created.instanceId, 9_007_199_254_740_993n);
    assert.deepEqual([created.gameType, created.maxPlayers], [3, 4]);
    assert.equal(client.instanceId, created.instanceId);

    const page = await client.search(3, { region: 7, maxResults: 5 });
    assert.equal(page.nextCursor, 77n);
    assert.deepEqual(page.instances.map((i) => [i.gameType, i.phase, i.region, i.mode, i.ratingBand, i.ownerId]),
        [[3, c.InstancePhase.OPEN, 7, 2, 3, 5n]]);

    await client.leave(created.instanceId);
    assert.equal(client.instanceId, 0n);

    const joined = await client.join(42);
    assert.equal(joined.instanceId, 42n);
    await assert.rejects(client.join(13n), (e: unknown) => e instanceof ClientError &&
        e.code === ClientCode.INSTANCE_FULL && /full/.test(e.message));

    const history = await client.history();
    assert.deepEqual(history.games.map((g) => [g.gameId, g.outcome]), [[2n, Outcome.WIN], [1n, Outcome.DRAW]]);
    assert.equal(history.nextCursor, 0n);
});

test('game messages: acknowledged, refused, posted; events reach every listener', async () =>
{
    hall = new FakeHall();
    const a = await hall.gateway('a');
    const recorder = new Recorder();
    const client = await connect([a], { listener: recorder });
    const second = new Recorder();
    const remove = client.addListener(second);
    await client.register('carol', 'secret-three');
    const game = await client.create(1, 2);

    await client.send(game.instanceId, 1, new Uint8Array([3]));
    await assert.rejects(client.send(game.instanceId, 99, new Uint8Array([0])), (e: unknown) =>
        e instanceof ClientError && e.code === ClientCode.REJECTED && /not your turn/.test(e.message));
    const posted = client.post(game.instanceId, 2, new Uint8Array([5, 6]));
    assert.equal(posted, 3n);
    await until('the posted message acknowledged', () => recorder.seen.includes(`ack ${game.instanceId} 3`));
    a.presence('carol', game.instanceId, 77n, true);
    a.instanceClosed('carol', game.instanceId, CloseCause.GAME_OVER, 'carol won');
    await until('the close', () => recorder.seen.some((s) => s.startsWith('closed')));

    const id = game.instanceId;
    assert.deepEqual(recorder.seen, [
        `ack ${id} 1`, `event ${id} 1 3`, `error ${id} 2 REJECTED not your turn`, `ack ${id} 3`, `event ${id} 2 5,6`,
        `presence ${id} 77 true`, `closed ${id} GAME_OVER carol won`,
    ]);
    assert.deepEqual(second.seen, recorder.seen);
    assert.equal(client.instanceId, 0n, 'the closed instance is no longer the user\'s');
    assert.equal(client.lastEventSequence, 7n);

    remove();
    a.protocolError('carol', ClientCode.RATE_LIMITED, 'slow down');
    await until('the protocol error', () => recorder.seen.length === 8);
    assert.equal(recorder.seen[7], 'protocol RATE_LIMITED slow down');
    assert.equal(second.seen.length, 7, 'a removed listener hears nothing more');
});

test('a listener that throws does not stop the others or the client', async () =>
{
    hall = new FakeHall();
    const a = await hall.gateway('a');
    const recorder = new Recorder();
    const thrown: unknown[] = [];
    const client = await connect([a], {
        listener: { onPresence: () => { throw new Error('listener bug'); } },
        onListenerError: (e) => thrown.push(e),
    });
    client.addListener(recorder);
    await client.register('dave', 'secret-four');
    a.presence('dave', 1n, 2n, true);
    await until('the presence', () => recorder.seen.length === 1);

    assert.equal(thrown.length, 1);
    assert.equal((thrown[0] as Error).message, 'listener bug');
    await client.history();
});

test('a dropped connection is resumed on the same gateway and the events missed are replayed once', async () =>
{
    hall = new FakeHall();
    const a = await hall.gateway('a');
    const recorder = new Recorder();
    const client = await connect([a], { listener: recorder });
    await client.register('erin', 'secret-five');
    a.gameEvent('erin', 5n, 1, new Uint8Array([1]));
    a.gameEvent('erin', 5n, 1, new Uint8Array([2]));
    await until('two events', () => recorder.seen.length === 2);

    a.dropConnections();
    await until('the disconnect', () => recorder.seen.includes('disconnected'));
    a.gameEvent('erin', 5n, 1, new Uint8Array([3]));
    a.gameEvent('erin', 5n, 1, new Uint8Array([4]));
    await until('the resume', () => recorder.seen.some((s) => s.startsWith('resumed')));
    await until('the events missed', () => recorder.seen.length === 6);

    assert.deepEqual(recorder.seen, ['event 5 1 1', 'event 5 1 2', 'disconnected', `resumed CONTINUED ${a.url}`,
        'event 5 1 3', 'event 5 1 4']);
    const resume = a.received.find((r) => r.template === c.ResumeDecoder.TEMPLATE_ID);
    assert.equal(resume?.lastEventSequence, 2n);
    assert.equal(client.lastEventSequence, 4n);
    await client.history();
});

test('requests while reconnecting fail at once with NOT_CONNECTED; those in flight with CONNECTION_LOST', async () =>
{
    hall = new FakeHall();
    const a = await hall.gateway('a');
    const client = await connect([a]);
    await client.register('fay', 'secret-six');
    a.silentTo.add(c.GetHistoryDecoder.TEMPLATE_ID);
    a.silentTo.add(c.ResumeDecoder.TEMPLATE_ID);

    const inFlight = client.history();
    a.dropConnections();
    await assert.rejects(inFlight, (e: unknown) => e instanceof ClientError &&
        e.failure === ClientFailure.CONNECTION_LOST);
    await until('the reconnect', () => a.received.some((r) => r.template === c.ResumeDecoder.TEMPLATE_ID));
    await assert.rejects(client.create(1, 2), (e: unknown) => e instanceof ClientError &&
        e.failure === ClientFailure.NOT_CONNECTED && /onResumed/.test(e.message));
    assert.equal(client.post(1n, 1, new Uint8Array(0)), -1n);
});

test('a request without an answer fails with TIMEOUT', async () =>
{
    hall = new FakeHall();
    const a = await hall.gateway('a');
    const client = await connect([a], { requestTimeoutMs: 200 });
    await client.register('gus', 'secret-seven');
    a.silentTo.add(c.CreateInstanceDecoder.TEMPLATE_ID);

    await assert.rejects(client.create(1, 2), (e: unknown) => e instanceof ClientError &&
        e.failure === ClientFailure.TIMEOUT && /may or may not/.test(e.message));
    await client.history();
});

test('when its gateway dies the client resumes on another as a new session', async () =>
{
    hall = new FakeHall();
    const a = await hall.gateway('a');
    const b = await hall.gateway('b');
    const recorder = new Recorder();
    const client = await connect([a], { listener: recorder, random: () => 0 });
    await client.register('hal', 'secret-eight');
    a.gameEvent('hal', 1n, 1, new Uint8Array([1]));
    await until('an event', () => recorder.seen.length === 1);

    await a.close();
    await until('the resume', () => recorder.seen.some((s) => s.startsWith('resumed')));

    assert.deepEqual(recorder.seen, ['event 1 1 1', 'disconnected', `resumed NEW_SESSION ${b.url}`]);
    assert.equal(client.gatewayUrl, b.url);
    assert.equal(client.lastEventSequence, 0n, 'a new session numbers its events from 1');
    b.gameEvent('hal', 1n, 1, new Uint8Array([2]));
    await until('an event from b', () => recorder.seen.length === 4);
    assert.equal(client.lastEventSequence, 1n);
    await client.history();
});

test('a draining gateway sends the client to another, where it resumes', async () =>
{
    hall = new FakeHall();
    const a = await hall.gateway('a');
    const b = await hall.gateway('b');
    const recorder = new Recorder();
    const client = await connect([a], { listener: recorder, random: () => 0 });
    await client.register('ivy', 'secret-nine');
    b.helloGateways = [b.url];

    a.drain('ivy', [b.url]);
    await until('the resume', () => recorder.seen.some((s) => s.startsWith('resumed')));

    assert.equal(client.gatewayUrl, b.url);
    assert.ok(!client.knownGateways.includes(a.url), 'the draining gateway is forgotten');
    assert.equal(b.received.filter((r) => r.template === c.ResumeDecoder.TEMPLATE_ID).length, 1);
    await client.history();
});

test('a reload of the page resumes the saved session on its gateway with the events it keeps', async () =>
{
    hall = new FakeHall();
    const a = await hall.gateway('a');
    const b = await hall.gateway('b');
    const storage = new Map<string, string>();
    const webStorage = {
        getItem: (k: string) => storage.get(k) ?? null,
        setItem: (k: string, v: string) => void storage.set(k, v),
        removeItem: (k: string) => void storage.delete(k),
    };

    const before = await connect([a, b], { sessionStore: new WebStorageSessionStore(webStorage), random: () => 0.99 });
    const gateway = before.gatewayUrl === a.url ? a : b;
    await before.register('jay', 'secret-ten');
    gateway.gameEvent('jay', 4n, 1, new Uint8Array([1]));
    gateway.gameEvent('jay', 4n, 1, new Uint8Array([2]));
    await until('two events seen', () => before.lastEventSequence === 2n);
    before.close(); // the page goes away without logging out
    assert.match(storage.get('gamehall.session') ?? '', /"lastEventSequence":"2"/);

    const recorder = new Recorder();
    const after = await connect([a, b], {
        sessionStore: new WebStorageSessionStore(webStorage), listener: recorder, random: () => 0,
    });
    assert.equal(after.gatewayUrl, gateway.url, 'the gateway holding the session is tried first');
    const login = await after.resumeSaved();

    assert.equal(login?.resumed, ResumeKind.CONTINUED);
    assert.equal(login?.userId, 1_000_000_000_000n);
    await until('the kept events', () => recorder.seen.length === 2);
    assert.deepEqual(recorder.seen, ['event 4 1 1', 'event 4 1 2']);
    assert.equal(gateway.received.filter((r) => r.template === c.ResumeDecoder.TEMPLATE_ID)[0]?.lastEventSequence, 0n,
        'a new page asks for everything kept');
    assert.equal(await (await connect([a, b], { sessionStore: new MemorySessionStore() })).resumeSaved(), null);
});

test('a refused token is forgotten: resumeSaved rejects, and a reconnect gives up', async () =>
{
    hall = new FakeHall();
    const a = await hall.gateway('a');
    const store = new MemorySessionStore();
    const recorder = new Recorder();
    const client = await connect([a], { sessionStore: store, listener: recorder });
    await client.register('kim', 'secret-eleven');

    a.refuseNextResume(ClientCode.TOKEN_REVOKED);
    a.dropConnections();
    await until('giving up', () => recorder.seen.includes('gave up'));
    assert.equal(client.token, null);
    assert.equal(store.load(), null);

    store.save({ token: 'forged', userId: '1', gatewayUrl: a.url, lastEventSequence: '0' });
    const reloaded = await connect([a], { sessionStore: store });
    await assert.rejects(reloaded.resumeSaved(), (e: unknown) => e instanceof ClientError &&
        e.code === ClientCode.TOKEN_INVALID);
    assert.equal(store.load(), null);
});

test('kicked for a login elsewhere: no reconnect, the session is forgotten; unknown causes are numbers', async () =>
{
    hall = new FakeHall();
    const a = await hall.gateway('a');
    const store = new MemorySessionStore();
    const recorder = new Recorder();
    const client = await connect([a], { sessionStore: store, listener: recorder });
    await client.register('lee', 'secret-twelve');

    a.kick('lee', 77, false);
    await until('the kick', () => recorder.seen.length === 1);
    assert.equal(recorder.seen[0], 'kicked 77');
    a.kick('lee', KickCause.LOGGED_IN_ELSEWHERE);
    await until('the second kick', () => recorder.seen.length === 2);
    await new Promise((resolve) => setTimeout(resolve, 300));

    assert.deepEqual(recorder.seen, ['kicked 77', 'kicked LOGGED_IN_ELSEWHERE']);
    assert.equal(client.token, null);
    assert.equal(store.load(), null);
    assert.equal(a.received.filter((r) => r.template === c.ResumeDecoder.TEMPLATE_ID).length, 0);
});

test('logout ends the session without a reconnect; a login after it connects again', async () =>
{
    hall = new FakeHall();
    const a = await hall.gateway('a');
    const store = new MemorySessionStore();
    const recorder = new Recorder();
    const client = await connect([a], { sessionStore: store, listener: recorder });
    await client.register('mia', 'secret-thirteen');
    assert.notEqual(store.load(), null);

    await client.logout();
    await until('the connection closed', () => !client.connected);
    await new Promise((resolve) => setTimeout(resolve, 200));

    assert.equal(client.token, null);
    assert.equal(store.load(), null);
    assert.deepEqual(recorder.seen, []);
    await client.login('mia', 'secret-thirteen');
    assert.ok(client.connected);
});

test('gateway lists are learned', async () =>
{
    hall = new FakeHall();
    const a = await hall.gateway('a');
    const recorder = new Recorder();
    const client = await connect([a], { listener: recorder });
    await client.register('ned', 'secret-fourteen');

    a.gatewayList('ned', ['ws://127.0.0.2:9/ws']);
    await until('the list', () => recorder.seen.length === 1);

    assert.ok(client.knownGateways.includes('ws://127.0.0.2:9/ws'));
});

test('WebStorageSessionStore drops what is not a session', () =>
{
    const storage = new Map<string, string>([['gamehall.session', '{"token": 5}']]);
    const store = new WebStorageSessionStore({
        getItem: (k) => storage.get(k) ?? null,
        setItem: (k, v) => void storage.set(k, v),
        removeItem: (k) => void storage.delete(k),
    });
    assert.equal(store.load(), null);
    assert.equal(storage.size, 0);
    store.save({ token: 't', userId: '1', gatewayUrl: 'ws://x/ws', lastEventSequence: '3' });
    assert.deepEqual(store.load(), { token: 't', userId: '1', gatewayUrl: 'ws://x/ws', lastEventSequence: '3' });
});
