/**
 * Test support: CouchbaseMock in-process, a backend two stores can share.
 */
package io.gamehall.store.support;
