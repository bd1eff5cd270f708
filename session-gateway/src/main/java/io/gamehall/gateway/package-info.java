/**
 * The session gateway: a Netty WebSocket server holding players' connections, sessions that
 * survive a dropped connection, login and registration against the store with limits on abuse,
 * signed session tokens, and the relays that turn player requests into master commands and
 * carry game traffic to and from the game hosts.
 */
package io.gamehall.gateway;
