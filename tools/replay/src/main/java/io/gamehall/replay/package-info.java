/**
 * {@code gamehall replay}: offline tools over a master node's command journal.
 */
package io.gamehall.replay;
