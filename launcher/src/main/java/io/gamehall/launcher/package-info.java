/**
 * The {@code gamehall} command line.
 */
package io.gamehall.launcher;
