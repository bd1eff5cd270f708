package io.gamehall.master;

import io.gamehall.master.directory.Instance;
import io.gamehall.master.directory.InstanceDirectory;
import io.gamehall.master.directory.Server;
import io.gamehall.master.directory.ServerDirectory;
import io.gamehall.master.directory.User;
import io.gamehall.master.directory.UserDirectory;
import io.gamehall.sbe.master.ResultCode;
import io.gamehall.sbe.master.ServerRole;
import io.gamehall.sbe.master.ServerState;
import io.gamehall.sbe.master.UserState;

/**
 * {@code CreateMatch}: a matchmaker seats the players it matched in a new instance, all of them
 * or none. Every player must be checked in, attached to a gateway and in the lobby; when one is
 * not, nothing changes and the answer names them all ({@link ResultCode#PLAYER_UNAVAILABLE}:
 * the first such player as subject, a mask of their positions in the command as detail), so
 * the matchmaker can put the others back to wait. Else the instance is placed like a created
 * one, the first player owns it and takes seat 0, the others the next seats in the order given,
 * the host gets a spawn order and a join per other player, and every player's gateway a
 * {@code MatchFound}.
 */
final class MatchCommands
{
    /** Most players a match may seat: one bit each in the refusal's detail. */
    static final int MAX_PLAYERS = Long.SIZE / 2;
    /** Fewest players a match may seat. */
    static final int MIN_PLAYERS = 2;

    private final MasterEngine engine;
    private final EngineConfig config;
    private final ExactlyOnce exactlyOnce;
    private final ServerDirectory servers;
    private final UserDirectory users;
    private final InstanceDirectory instances;
    private final EgressPublisher egress;

    /**
     * @param engine      whose {@code nextInstanceId} this takes ids from.
     * @param config      the largest instance allowed.
     * @param exactlyOnce the outcome of each command goes through it.
     * @param servers     the server directory (matchmakers and hosts).
     * @param users       the user directory.
     * @param instances   the instance directory.
     * @param egress      where events go.
     */
    MatchCommands(
        final MasterEngine engine,
        final EngineConfig config,
        final ExactlyOnce exactlyOnce,
        final ServerDirectory servers,
        final UserDirectory users,
        final InstanceDirectory instances,
        final EgressPublisher egress)
    {
        this.engine = engine;
        this.config = config;
        this.exactlyOnce = exactlyOnce;
        this.servers = servers;
        this.users = users;
        this.instances = instances;
        this.egress = egress;
    }

    /**
     * Seat a match.
     *
     * @param now          cluster time.
     * @param matchmakerId the MATCHMAKER server that formed it.
     * @param matchId      the matchmaker's id for it, passed on to the players.
     * @param gameType     its game type.
     * @param region       attribute for searches, 0 for none.
     * @param mode         attribute for searches, 0 for none.
     * @param ratingBand   attribute for searches, 0 for none.
     * @param players      user ids in seat order; only the first {@code playerCount} are read.
     * @param playerCount  how many players.
     */
    void onCreateMatch(
        final long now,
        final long matchmakerId,
        final long matchId,
        final int gameType,
        final int region,
        final int mode,
        final int ratingBand,
        final long[] players,
        final int playerCount)
    {
        final Server matchmaker = servers.get(matchmakerId);
        if (matchmaker == null)
        {
            exactlyOnce.complete(ResultCode.UNKNOWN_SERVER, matchmakerId, 0);
            return;
        }
        if (matchmaker.role() != ServerRole.MATCHMAKER)
        {
            exactlyOnce.complete(ResultCode.WRONG_SERVER_ROLE, matchmakerId, 0);
            return;
        }
        if (matchmaker.state() != ServerState.ACTIVE)
        {
            exactlyOnce.complete(ResultCode.SERVER_NOT_ACTIVE, matchmakerId, 0);
            return;
        }
        if (gameType < 1 || gameType > EngineConfig.MAX_GAME_TYPE || matchId == 0 ||
            playerCount < MIN_PLAYERS || playerCount > Math.min(MAX_PLAYERS, config.maxPlayersPerInstance()) ||
            hasZeroOrRepeat(players, playerCount))
        {
            exactlyOnce.complete(ResultCode.INVALID_VALUE);
            return;
        }
        long unavailable = 0;
        long firstUnavailable = 0;
        for (int i = playerCount - 1; i >= 0; i--)
        {
            final User user = users.get(players[i]);
            if (user == null || user.state() != UserState.ONLINE || user.gatewayId() == 0)
            {
                unavailable |= 1L << i;
                firstUnavailable = players[i];
            }
        }
        if (unavailable != 0)
        {
            exactlyOnce.complete(ResultCode.PLAYER_UNAVAILABLE, firstUnavailable, unavailable);
            return;
        }
        if (instances.isFull())
        {
            exactlyOnce.complete(ResultCode.DIRECTORY_FULL);
            return;
        }
        final Server host = servers.bestHostFor(gameType);
        if (host == null)
        {
            exactlyOnce.complete(ResultCode.NO_CAPACITY);
            return;
        }

        final User owner = users.get(players[0]);
        final Instance instance = instances.add(
            engine.nextInstanceId++, gameType, host.id(), owner.id(), playerCount, region, mode, ratingBand, now);
        servers.addAssigned(host, 1);
        users.seat(owner, instance.id());
        egress.spawnInstance(instance, owner.gatewayId());
        for (int i = 1; i < playerCount; i++)
        {
            final User player = users.get(players[i]);
            instances.addPlayer(instance, player.id());
            users.seat(player, instance.id());
            egress.playerJoined(host.id(), instance.id(), player.id(), player.gatewayId());
        }
        for (int i = 0; i < playerCount; i++)
        {
            final User player = users.get(players[i]);
            egress.matchFound(player.gatewayId(), player.id(), matchId, instance, i);
        }
        exactlyOnce.complete(ResultCode.OK, instance.id(), host.id());
    }

    private static boolean hasZeroOrRepeat(final long[] players, final int count)
    {
        for (int i = 0; i < count; i++)
        {
            if (players[i] == 0)
            {
                return true;
            }
            for (int j = 0; j < i; j++)
            {
                if (players[j] == players[i])
                {
                    return true;
                }
            }
        }
        return false;
    }
}
