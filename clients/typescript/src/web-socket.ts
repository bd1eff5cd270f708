/**
 * The part of the WHATWG WebSocket the client uses: the browser's WebSocket has it, and so has
 * the WebSocket of the npm package ws (for Node.js 20, which has no global WebSocket).
 */
export interface WebSocketLike
{
    binaryType: string;
    readonly readyState: number;
    onopen: ((event: unknown) => void) | null;
    onmessage: ((event: { data: unknown }) => void) | null;
    onclose: ((event: { code?: number; reason?: string }) => void) | null;
    onerror: ((event: unknown) => void) | null;
    send(data: Uint8Array): void;
    close(code?: number, reason?: string): void;
}

/** Opens a WebSocket to a URL; see {@link GameClientOptions.webSocket}. */
export type WebSocketFactory = (url: string) => WebSocketLike;

/** WebSocket.OPEN */
export const OPEN = 1;

/**
 * @returns a factory over the global WebSocket (browsers, Node.js 22 and later).
 * @throws TypeError when there is none: pass one (in Node.js 20, the ws package's WebSocket).
 */
export function globalWebSocket(): WebSocketFactory
{
    const Global = (globalThis as { WebSocket?: new (url: string) => WebSocketLike }).WebSocket;
    if (Global === undefined)
    {
        throw new TypeError('this JavaScript runtime has no global WebSocket: pass options.webSocket, ' +
            'e.g. (url) => new WebSocket(url) with WebSocket from the ws package');
    }
    return (url: string) => new Global(url);
}
