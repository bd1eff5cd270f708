/**
 * Test support shared with other modules through the test-jar: commands as text, outputs as
 * text, an engine driver, the invariants and a random command generator.
 */
package io.gamehall.master.support;
