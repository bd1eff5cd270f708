// A session of the TypeScript client against a real gateway, run by GameClientEndToEndTest (Java),
// which starts the gateway with a master, a game host and a store on loopback:
//
//   node build/e2e/session.js <gateway URL> <user name> <game type>    (password in GAMEHALL_E2E_PASSWORD)
//
// Prints one line per step; exits 0 when every step did what it should, 1 otherwise.

import { WebSocket } from 'ws';
import { ClientError, GameClient, resumeKindName, WebSocketLike } from '../src/index.js';

const [url, name, gameTypeText] = process.argv.slice(2);
const password = process.env.GAMEHALL_E2E_PASSWORD;
if (!url || !name || !gameTypeText || !password)
{
    console.error('usage: session.js <gateway URL> <user name> <game type>, password in GAMEHALL_E2E_PASSWORD');
    process.exit(2);
}
const gameType = Number(gameTypeText);
const webSocket = (u: string) => new WebSocket(u) as unknown as WebSocketLike;

function codeOf(error: unknown): string
{
    return error instanceof ClientError ? (error.codeName ?? error.failure) : String(error);
}

async function main(): Promise<void>
{
    let resumed: (kind: number) => void = () => undefined;
    const client = await GameClient.connect({
        gateways: [url!], webSocket, listener: { onResumed: (kind) => resumed(kind) },
    });
    console.log('connected ' + client.gatewayUrl);

    const login = await client.register(name!, password!);
    console.log('registered ' + (login.userId > 0n));

    const other = await GameClient.connect({ gateways: [url!], webSocket });
    await other.login(name!, 'not-the-password').then(() => console.log('wrong password taken'),
        (e: unknown) => console.log('wrong password refused ' + codeOf(e)));
    other.close();

    const game = await client.create(gameType, 2);
    console.log('created ' + (game.instanceId > 0n) + ' ' + game.gameType + ' ' + game.maxPlayers);

    let found = false;
    for (let attempt = 0; attempt < 50 && !found; attempt++)
    {
        const page = await client.search(gameType, { minOpenSeats: 1, maxResults: 64 });
        found = page.instances.some((i) => i.instanceId === game.instanceId);
        if (!found)
        {
            await new Promise((resolve) => setTimeout(resolve, 100));
        }
    }
    console.log('found ' + found);

    const resumedKind = new Promise<number>((resolve) => resumed = resolve);
    client.dropConnection();
    console.log('resumed ' + resumeKindName(await resumedKind) + ' ' + (client.instanceId === game.instanceId));

    await client.leave(game.instanceId);
    console.log('left ' + (client.instanceId === 0n));

    const history = await client.history();
    console.log('history ' + history.games.length);

    const token = login.token;
    await client.logout();
    console.log('logged out ' + (client.token === null));

    const later = await GameClient.connect({ gateways: [url!], webSocket });
    await later.resume(token).then(() => console.log('revoked token taken'),
        (e: unknown) => console.log('revoked token refused ' + codeOf(e)));
    later.close();
}

main().then(() => process.exit(0), (error: unknown) =>
{
    console.log('failed: ' + (error instanceof Error ? error.message : String(error)));
    process.exit(1);
});
