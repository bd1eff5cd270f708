/**
 * The master engine: a single-threaded, deterministic state machine over the server, user and
 * instance directories. Input: SBE commands with a cluster timestamp and timer callbacks
 * ({@link io.gamehall.master.MasterEngine}, the facade); output: responses, events and timer
 * requests ({@link io.gamehall.master.EngineOutput}). Commands are decoded by one adapter and
 * answers encoded by one publisher, apart from the role classes that decide; also the
 * exactly-once memory, snapshots and the state hash. No I/O, threads, clocks or randomness
 * live here.
 */
package io.gamehall.master;
