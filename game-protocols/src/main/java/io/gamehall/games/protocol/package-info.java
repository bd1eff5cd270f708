/**
 * The sample games' wire layouts (Connect Four, the arena): type ids, message and event kinds,
 * byte offsets. The games in the host and the clients that play them (the bots) both depend on
 * these constants, so neither reaches into the other; {@code docs/sample-games.md} documents them.
 */
package io.gamehall.games.protocol;
