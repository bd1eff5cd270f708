/**
 * Sample turn-based game: authoritative Connect Four ({@link io.gamehall.host.games.connectfour.ConnectFour}),
 * with its rules kept apart from the host glue in {@code Board}.
 */
package io.gamehall.host.games.connectfour;
