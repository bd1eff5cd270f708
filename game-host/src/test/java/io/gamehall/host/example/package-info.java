/**
 * The example game of game-host/README.md, kept compiling and tested.
 */
package io.gamehall.host.example;
