/**
 * Sample real-time game: a small arena shooter ({@link io.gamehall.host.games.arena.Arena}) with
 * its deterministic world kept apart from the host glue in {@code Field}.
 */
package io.gamehall.host.games.arena;
