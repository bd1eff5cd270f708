/**
 * The game API: what a game developer implements ({@link io.gamehall.host.api.GameLogic}), what
 * the host offers an instance ({@link io.gamehall.host.api.GameContext}), how games are
 * registered ({@link io.gamehall.host.api.GameCatalog}) and end
 * ({@link io.gamehall.host.api.GameResult}), and {@link io.gamehall.host.api.GameHarness} to
 * test a game without a host.
 */
package io.gamehall.host.api;
