/**
 * The game host benchmark: concurrent turn-based instances and game messages through a host,
 * with a stand-in gateway.
 */
package io.gamehall.perf.host;
