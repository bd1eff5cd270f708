/**
 * The sample games a host runs by default ({@code SampleGames}): Connect Four and a real-time arena.
 */
package io.gamehall.host.games;
