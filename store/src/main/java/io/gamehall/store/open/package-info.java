/**
 * Opening a store: {@code Stores.open(config)} puts the backend the configuration names under the
 * record store.
 */
package io.gamehall.store.open;
