/**
 * The store benchmark: ops/s and latency percentiles of each implementation, run once by hand.
 */
package io.gamehall.store.bench;
