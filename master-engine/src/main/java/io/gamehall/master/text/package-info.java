/**
 * Human-readable text of master-protocol messages, for tools (journal dumps) and tests.
 */
package io.gamehall.master.text;
