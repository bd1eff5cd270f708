/**
 * What game clients and the gateway share of the WebSocket protocol besides its codecs
 * ({@code io.gamehall.sbe.client}): {@code FrameBytes}, a frame's bytes read into an array of its
 * own and viewed as exactly that frame, without allocating per frame.
 */
package io.gamehall.protocol;
