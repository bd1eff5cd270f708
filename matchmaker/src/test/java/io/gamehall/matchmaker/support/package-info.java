/**
 * Test support for the partition engine: commands from text or values, recorded outputs, snapshots in memory.
 */
package io.gamehall.matchmaker.support;
