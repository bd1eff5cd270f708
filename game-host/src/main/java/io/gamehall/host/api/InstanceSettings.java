package io.gamehall.host.api;

/**
 * What an instance was created with, as the master placed it.
 *
 * @param gameType   the game type id.
 * @param ownerId    the user who created it (seated first).
 * @param maxPlayers seats.
 * @param region     operator-defined attribute, 0 when unset.
 * @param mode       game-defined attribute (e.g. a variant or time control), 0 when unset.
 * @param ratingBand operator-defined attribute, 0 when unset.
 */
public record InstanceSettings(int gameType, long ownerId, int maxPlayers, int region, int mode, int ratingBand)
{
}
