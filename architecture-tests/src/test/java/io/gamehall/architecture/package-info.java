/**
 * The design's package rules as ArchUnit tests over the main classes of every module: the
 * engine, client and server apart, games on the game API, the shared parts, no cycles.
 */
package io.gamehall.architecture;
