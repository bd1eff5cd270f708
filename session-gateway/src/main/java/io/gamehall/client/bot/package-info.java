/**
 * Simulated players over the client SDK: {@link io.gamehall.client.bot.Bot} (one player of a
 * Connect Four style game, a seeded actor on a Netty event loop), {@link io.gamehall.client.bot.BotFleet}
 * (N bots on one shared event loop group, with a ramp-up) and {@link io.gamehall.client.bot.BotStats}
 * (round trips in HdrHistogram recorders, games, moves, errors by code).
 * <pre>
 *  BotFleet ──start(i) over the ramp-up──► Bot ×N ──GameClient──► gateway
 *     │                                      │ search → join | create → wait (bounded)
 *     └── snapshot() ◄── BotStats ◄──record──┘ state event → move on its turn → GameAck
 * </pre>
 */
package io.gamehall.client.bot;
