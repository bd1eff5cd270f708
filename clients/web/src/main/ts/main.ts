// gamehall's web pages: sign-up and login, the Connect Four tables, the board, the player's
// history. One page, plain DOM, over @gamehall/client; the session is kept in sessionStorage so
// that a reload takes the same session (and game) up again. Every request disables the buttons
// until it is answered; a move disables the board until the game acknowledges it.

import {
    ClientError, closeCauseName, GameClient, kickCauseName, outcomeName, WebStorageSessionStore,
} from '@gamehall/client';
import type { GameClientListener, Login } from '@gamehall/client';
import { ConnectFour, GameOver, readGameOver, readState, State } from './connect-four.js';

const NAME_KEY = 'gamehall.name';
const webSocketUrl = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/ws';

let client: GameClient | null = null;
let busy = false;
let moving = false;
let table = 0n;
let state: State | null = null;
let over: GameOver | null = null;

function element<T extends HTMLElement = HTMLElement>(id: string): T
{
    return document.getElementById(id) as T;
}

function show(view: 'login-view' | 'lobby-view' | 'game-view' | 'connecting-view'): void
{
    for (const id of ['login-view', 'lobby-view', 'game-view', 'connecting-view'])
    {
        element(id).hidden = id !== view;
    }
    const loggedIn = view === 'lobby-view' || view === 'game-view';
    element('logout').hidden = !loggedIn;
    element('me').textContent = loggedIn ? sessionStorage.getItem(NAME_KEY) ?? '' : '';
}

function say(text: string, error = false): void
{
    const message = element('message');
    message.textContent = text;
    message.className = error ? 'error' : '';
}

/** What a refusal means to a player. */
function explain(error: unknown): string
{
    if (error instanceof ClientError)
    {
        switch (error.codeName)
        {
            case 'WRONG_CREDENTIALS': return 'Wrong name or password.';
            case 'NAME_TAKEN': return 'That name is taken: choose another, or log in.';
            case 'INVALID_NAME': return 'That name cannot be used: letters, digits, \'-\' and \'_\'.';
            case 'INVALID_PASSWORD': return 'That password cannot be used: it is too short.';
            case 'TOKEN_EXPIRED': return 'Your session has expired: log in again.';
            case 'TOKEN_REVOKED':
            case 'TOKEN_INVALID': return 'Your session has ended: log in again.';
            case 'INSTANCE_FULL': return 'That table is full: pick another one or create one.';
            case 'UNKNOWN_INSTANCE':
            case 'INSTANCE_NOT_JOINABLE': return 'That table is no longer open.';
            case 'ALREADY_IN_INSTANCE': return 'You are already at a table.';
            case 'RATE_LIMITED': return 'Too many requests at once: wait a moment.';
            case 'TOO_MANY_ATTEMPTS': return 'Too many failed logins: wait ' +
                Math.ceil(error.retryAfterMs / 1000) + ' s and try again.';
            case 'TOO_MANY_REGISTRATIONS': return 'Too many sign-ups from here: try again later.';
            case 'REJECTED': return 'That move is not allowed.';
            default: return error.message;
        }
    }
    return error instanceof Error ? error.message : String(error);
}

/** Runs one request at a time: the buttons stay disabled until it is answered. */
async function act<T>(work: (c: GameClient) => Promise<T>): Promise<T | undefined>
{
    if (busy || client === null)
    {
        return undefined;
    }
    busy = true;
    document.body.dataset.busy = 'true';
    enableButtons();
    say('');
    try
    {
        return await work(client);
    }
    catch (error)
    {
        say(explain(error), true);
        return undefined;
    }
    finally
    {
        busy = false;
        delete document.body.dataset.busy;
        enableButtons();
    }
}

function enableButtons(): void
{
    for (const button of document.querySelectorAll<HTMLButtonElement>('button'))
    {
        button.disabled = busy;
    }
    renderBoard();
}

function credentials(): [string, string] | null
{
    const name = element<HTMLInputElement>('name').value.trim();
    const password = element<HTMLInputElement>('password').value;
    if (name === '' || password === '')
    {
        say('Enter a name and a password.', true);
        return null;
    }
    return [name, password];
}

async function logIn(register: boolean): Promise<void>
{
    const given = credentials();
    if (given === null)
    {
        return;
    }
    const [name, password] = given;
    const login = await act((c) => register ? c.register(name, password) : c.login(name, password));
    if (login !== undefined)
    {
        sessionStorage.setItem(NAME_KEY, name);
        element<HTMLInputElement>('password').value = '';
        await entered(login);
    }
}

async function entered(login: Login): Promise<void>
{
    if (login.instanceId !== 0n)
    {
        enterTable(login.instanceId);
    }
    else
    {
        await lobby();
    }
}

async function lobby(): Promise<void>
{
    table = 0n;
    state = null;
    over = null;
    show('lobby-view');
    await refresh();
}

async function refresh(): Promise<void>
{
    const found = await act(async (c) => [await c.search(ConnectFour.TYPE_ID, { minOpenSeats: 1, maxResults: 20 }),
        await c.history(0n, 10)] as const);
    if (found === undefined)
    {
        return;
    }
    const [page, history] = found;
    const tables = element('tables');
    tables.replaceChildren(...page.instances.map((i) =>
    {
        const item = document.createElement('li');
        item.textContent = 'Table ' + i.instanceId + ': ' + i.playerCount + ' of ' + i.maxPlayers + ' seats taken ';
        const join = document.createElement('button');
        join.type = 'button';
        join.className = 'join';
        join.dataset.table = i.instanceId.toString();
        join.textContent = 'Join';
        item.append(join);
        return item;
    }));
    if (page.instances.length === 0)
    {
        tables.replaceChildren(note('No open table: create one.'));
    }
    const games = element('history');
    games.replaceChildren(...history.games.map((g) =>
    {
        const item = document.createElement('li');
        item.className = 'game';
        item.textContent = 'Game ' + g.gameId + ': ' + outcomeName(g.outcome) + ', ' +
            new Date(Number(g.endTimeMs)).toLocaleString();
        return item;
    }));
    if (history.games.length === 0)
    {
        games.replaceChildren(note('No finished game yet.'));
    }
}

function note(text: string): HTMLLIElement
{
    const item = document.createElement('li');
    item.className = 'note';
    item.textContent = text;
    return item;
}

function enterTable(instanceId: bigint): void
{
    if (table === instanceId)
    {
        // already there (the game's events came before the answer that seated the player)
        show('game-view');
        renderBoard();
        return;
    }
    table = instanceId;
    over = null;
    state = null;
    element('table-id').textContent = '(table ' + instanceId + ')';
    element('back').hidden = true;
    element('leave').hidden = false;
    show('game-view');
    renderBoard();
}

function mySeat(): number
{
    if (state === null || client === null)
    {
        return -1;
    }
    return state.players.indexOf(client.userId);
}

function renderBoard(): void
{
    const board = element('board');
    if (board.childElementCount === 0)
    {
        for (let row = ConnectFour.ROWS - 1; row >= 0; row--)
        {
            for (let column = 0; column < ConnectFour.COLUMNS; column++)
            {
                const cell = document.createElement('button');
                cell.type = 'button';
                cell.dataset.column = String(column);
                cell.dataset.cell = String(row * ConnectFour.COLUMNS + column);
                cell.setAttribute('aria-label', 'column ' + (column + 1));
                board.append(cell);
            }
        }
    }
    const seat = mySeat();
    const myTurn = state !== null && over === null && state.phase === ConnectFour.PHASE_PLAYING && state.toMove === seat;
    for (const cell of board.querySelectorAll<HTMLButtonElement>('button'))
    {
        const index = Number(cell.dataset.cell);
        const piece = state === null ? 0 : state.cells[index]!;
        cell.className = (piece === 0 ? '' : 'p' + piece) + (over !== null && over.line.includes(index) ? ' line' : '');
        const full = state !== null && state.cells[(ConnectFour.ROWS - 1) * ConnectFour.COLUMNS + Number(cell.dataset.column)] !== 0;
        cell.disabled = busy || moving || !myTurn || full;
    }
    element('game-status').textContent = status(seat);
}

function status(seat: number): string
{
    if (over !== null)
    {
        const result = over.winner === ConnectFour.NONE ? 'A draw.' : over.winner === seat ? 'You won!' : 'You lost.';
        return result + ' ' + ConnectFour.overReason(over.reason);
    }
    if (state === null || state.phase === ConnectFour.PHASE_WAITING)
    {
        return 'Waiting for a second player…';
    }
    const colour = seat === 0 ? 'red' : 'yellow';
    return state.toMove === seat ? 'Your move (you are ' + colour + ').' : 'Their move (you are ' + colour + ').';
}

function move(column: number): void
{
    if (client === null || moving || busy || table === 0n)
    {
        return;
    }
    moving = true;
    renderBoard();
    client.send(table, ConnectFour.MSG_MOVE, Uint8Array.of(column))
        .then(() => say(''), (error: unknown) => say(explain(error), true))
        .finally(() =>
        {
            moving = false;
            renderBoard();
        });
}

const listener: GameClientListener = {
    onGameEvent(instanceId, kind, payload)
    {
        if (instanceId !== table && table === 0n)
        {
            enterTable(instanceId);
        }
        if (kind === ConnectFour.EVENT_STATE)
        {
            state = readState(payload);
        }
        else if (kind === ConnectFour.EVENT_GAME_OVER)
        {
            over = readGameOver(payload);
            element('leave').hidden = true;
            element('back').hidden = false;
        }
        renderBoard();
    },
    onInstanceClosed(instanceId, cause)
    {
        if (instanceId !== table)
        {
            return;
        }
        if (over === null)
        {
            say('The table was closed (' + closeCauseName(cause) + ').', true);
            void lobby();
        }
    },
    onKicked(cause)
    {
        table = 0n;
        void reconnect().then((connected) =>
        {
            if (connected)
            {
                show('login-view');
                say('You were logged out (' + kickCauseName(cause) + ').', true);
            }
        });
    },
    onDisconnected()
    {
        say('Connection lost: reconnecting…');
    },
    onResumed()
    {
        say('');
    },
    onGaveUp(reason)
    {
        say('Could not reconnect (' + reason + '): reload the page.', true);
    },
};

function wire(): void
{
    element('login-form').addEventListener('submit', (event) =>
    {
        event.preventDefault();
        void logIn(false);
    });
    element('register').addEventListener('click', () => void logIn(true));
    element('logout').addEventListener('click', async () =>
    {
        // the gateway closes the connection of a session that logs out: a new one for the next login
        await act((c) => c.logout());
        sessionStorage.removeItem(NAME_KEY);
        table = 0n;
        if (await reconnect())
        {
            show('login-view');
        }
    });
    element('create').addEventListener('click', async () =>
    {
        const created = await act((c) => c.create(ConnectFour.TYPE_ID, 2));
        if (created !== undefined)
        {
            enterTable(created.instanceId);
        }
    });
    element('refresh').addEventListener('click', () => void refresh());
    element('tables').addEventListener('click', async (event) =>
    {
        const id = (event.target as HTMLElement).dataset.table;
        if (id === undefined)
        {
            return;
        }
        const joined = await act((c) => c.join(BigInt(id)));
        if (joined !== undefined)
        {
            enterTable(joined.instanceId);
        }
    });
    element('board').addEventListener('click', (event) =>
    {
        const column = (event.target as HTMLElement).dataset.column;
        if (column !== undefined)
        {
            move(Number(column));
        }
    });
    element('leave').addEventListener('click', async () =>
    {
        if (await act((c) => c.leave(table).then(() => true)))
        {
            await lobby();
        }
    });
    element('back').addEventListener('click', () => void lobby());
}

/** A new connection for a login (the page's first, or after a logout or a kick). */
async function reconnect(): Promise<boolean>
{
    client?.close();
    client = null;
    show('connecting-view');
    try
    {
        client = await GameClient.connect({
            gateways: [webSocketUrl], listener, sessionStore: new WebStorageSessionStore(sessionStorage), clientName: 'web',
        });
    }
    catch (error)
    {
        say('Cannot reach the game server: ' + explain(error) + ' Reload the page to try again.', true);
        return false;
    }
    enableButtons();
    return true;
}

async function start(): Promise<void>
{
    wire();
    if (!await reconnect() || client === null)
    {
        return;
    }
    try
    {
        const login = await client.resumeSaved();
        if (login !== null)
        {
            await entered(login);
            return;
        }
    }
    catch (error)
    {
        say(explain(error), true);
    }
    show('login-view');
}

void start();
