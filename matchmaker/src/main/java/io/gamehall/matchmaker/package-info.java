/**
 * The matchmaker's partition engine: the waiting tickets of one rating range of one queue and
 * the matches made from them. A single-threaded, deterministic, allocation-free state machine:
 * SBE commands in ({@link io.gamehall.matchmaker.PartitionEngine}), SBE messages out
 * ({@link io.gamehall.matchmaker.PartitionOutput}); the queue's rules
 * ({@link io.gamehall.matchmaker.QueueRules}), snapshots and a state hash. No I/O, threads,
 * clocks or randomness live here.
 */
package io.gamehall.matchmaker;
