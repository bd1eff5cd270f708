/**
 * The distributed backend: one Couchbase collection, key-value access with the server's CAS.
 */
package io.gamehall.store.couchbase;
