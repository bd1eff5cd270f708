/**
 * Benchmarks of the matchmaker's partition engine.
 */
package io.gamehall.perf.matchmaker;
