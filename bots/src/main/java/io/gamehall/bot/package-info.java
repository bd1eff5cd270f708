/**
 * Simulated players over the client SDK: {@link io.gamehall.bot.Bot} (one player, a seeded actor
 * on a Netty event loop: lobby, waiting, resuming), its {@link io.gamehall.bot.GameStrategy} (how
 * it plays one game; {@link io.gamehall.bot.ConnectFourStrategy} on the wire layout of
 * {@code io.gamehall.games.protocol}), {@link io.gamehall.bot.BotFleet} (N bots on one shared event
 * loop group, with a ramp-up) and {@link io.gamehall.bot.BotStats} (round trips in HdrHistogram
 * recorders, games, moves, errors by code). Nothing here uses a server class.
 * <pre>
 *  BotFleet ──start(i) over the ramp-up──► Bot ×N ──GameClient──► gateway
 *     │                                      │ search → join | create → wait (bounded)
 *     └── snapshot() ◄── BotStats ◄──record──┘ state event → GameStrategy.move on its turn → GameAck
 * </pre>
 */
package io.gamehall.bot;
