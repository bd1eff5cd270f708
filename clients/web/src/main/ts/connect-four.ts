// Connect Four's messages as the game sends them (game-protocols' ConnectFourProtocol,
// docs/sample-games.md): little-endian, offsets in bytes.

/** The numbers of Connect Four's wire layout. */
export const ConnectFour = {
    TYPE_ID: 1,
    MSG_MOVE: 1,
    EVENT_STATE: 101,
    EVENT_GAME_OVER: 102,
    COLUMNS: 7,
    ROWS: 6,
    CELLS: 42,
    PHASE_WAITING: 0,
    PHASE_PLAYING: 1,
    PHASE_OVER: 2,
    NONE: 255,
    overReason(reason: number): string
    {
        switch (reason)
        {
            case 1: return 'Four in a row.';
            case 2: return 'The board is full.';
            case 3: return 'Out of time.';
            case 4: return 'A player left.';
            default: return '';
        }
    },
} as const;

/** A state event: the whole board and whose move it is. */
export interface State
{
    cells: Uint8Array;
    phase: number;
    toMove: number;
    players: [bigint, bigint];
}

/** A game-over event. */
export interface GameOver
{
    reason: number;
    winner: number;
    line: number[];
}

export function readState(payload: Uint8Array): State
{
    const view = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
    const at = ConnectFour.CELLS;
    return {
        cells: payload.slice(0, ConnectFour.CELLS),
        phase: view.getUint8(at),
        toMove: view.getUint8(at + 1),
        players: [view.getBigInt64(at + 8, true), view.getBigInt64(at + 16, true)],
    };
}

export function readGameOver(payload: Uint8Array): GameOver
{
    return {
        reason: payload[0]!,
        winner: payload[1]!,
        line: Array.from(payload.slice(2, 6)).filter((cell) => cell !== ConnectFour.NONE),
    };
}
