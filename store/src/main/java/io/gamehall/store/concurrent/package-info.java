/**
 * The key-ordered executor in front of the store: one key's operations in order, different keys
 * in parallel, bounded queues.
 */
package io.gamehall.store.concurrent;
