package io.gamehall.store;

import java.util.List;

/**
 * A finished game, kept for review and replay: who played, every event in order, how it ended.
 *
 * @param gameId      unique id, chosen by the game host (usually the instance id).
 * @param gameType    the game type id, 1..65534, as the master knows it.
 * @param startTimeMs when it started, ms since the epoch.
 * @param endTimeMs   when it ended, ms since the epoch.
 * @param players     1..64 players and their outcomes.
 * @param events      every move or event in order, at most 65535.
 * @param summary     how it ended, for people (for example "checkmate"), at most 256 characters.
 */
public record GameRecord(
    long gameId,
    int gameType,
    long startTimeMs,
    long endTimeMs,
    List<GamePlayer> players,
    List<GameEvent> events,
    String summary)
{
}
