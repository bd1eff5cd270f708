/**
 * The embedded backend: one Chronicle Map file per keyspace, with CAS and counters built on entry
 * locks.
 */
package io.gamehall.store.chronicle;
