/**
 * A game host: {@code GameHost} registers with the master, runs the instances it is given with
 * the games of its catalog, and backs them up so that another host can resume them.
 */
package io.gamehall.host;
