/**
 * The instance runtime of a game host: runner threads driving instance actors and their timers,
 * backups written before a move is acknowledged, restores, the end of a game, and the host's
 * links to the master and to the gateways.
 */
package io.gamehall.host.runtime;
