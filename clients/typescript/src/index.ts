// @gamehall/client: a client of gamehall's session gateways, and the codecs of the client
// protocol generated from its schema (sbe-schemas/src/main/resources/sbe/client-protocol.xml).

export { GameClient } from './game-client.js';
export type { GameClientOptions } from './game-client.js';
export { ClientError, ClientFailure } from './errors.js';
export type { Attributes } from './request-frames.js';
export { MemorySessionStore, WebStorageSessionStore } from './session-store.js';
export type { KeyValueStorage, SavedSession, SessionStore } from './session-store.js';
export type {
    GameClientListener, GameSummary, HistoryPage, Instance, InstanceSummary, Login, SearchPage,
} from './types.js';
export type { WebSocketFactory, WebSocketLike } from './web-socket.js';
export {
    ClientCode, clientCodeName, CloseCause, closeCauseName, InstancePhase, instancePhaseName, KickCause,
    kickCauseName, Outcome, outcomeName, ResumeKind, resumeKindName,
} from './generated/client.js';
export * as codecs from './generated/client.js';
export { SbeCodecError } from './generated/sbe-runtime.js';
