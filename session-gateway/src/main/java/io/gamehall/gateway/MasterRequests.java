package io.gamehall.gateway;

import io.gamehall.sbe.master.InstanceState;
import io.gamehall.sbe.master.ResultCode;
import io.gamehall.sbe.master.ServerRole;
import io.gamehall.sbe.master.ServerState;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What the gateway's role classes ask of the master, as futures of decoded answers: the port
 * {@link MasterRelay} implements over the master client, and tests fake in memory.
 */
interface MasterRequests
{
    /**
     * A CommandResult.
     *
     * @param code      the master's result.
     * @param subjectId the id the command was about (a new instance's id, a server's id).
     * @param detailId  a second id (the host of a new instance, the seat of a user checked in).
     */
    record Outcome(ResultCode code, long subjectId, long detailId)
    {
        boolean ok()
        {
            return code == ResultCode.OK;
        }
    }

    /**
     * A server as ListServers shows it.
     *
     * @param serverId its id.
     * @param role     gateway or game host.
     * @param state    its state in the directory.
     * @param name     its unique name.
     * @param endpoint where it is reached.
     */
    record Server(long serverId, ServerRole role, ServerState state, String name, String endpoint)
    {
    }

    /**
     * An instance as GetInstance or SearchInstances shows it.
     *
     * @param instanceId  its id.
     * @param gameType    its game.
     * @param state       its state.
     * @param hostId      the game host it runs on, 0 when none.
     * @param ownerId     the user who created it.
     * @param maxPlayers  its seats.
     * @param playerCount the seats taken.
     * @param region      its region.
     * @param mode        its mode.
     * @param ratingBand  its rating band.
     */
    record InstanceView(long instanceId, int gameType, InstanceState state, long hostId, long ownerId,
        int maxPlayers, int playerCount, int region, int mode, int ratingBand)
    {
    }

    /**
     * A page of search hits.
     *
     * @param code       the master's result.
     * @param nextCursor where the next page starts, 0 when this is the last.
     * @param instances  the hits.
     */
    record SearchPage(ResultCode code, long nextCursor, List<InstanceView> instances)
    {
    }

    CompletableFuture<Outcome> checkIn(long gatewayId, long userId, String name);

    CompletableFuture<Outcome> checkOut(long gatewayId, long userId);

    CompletableFuture<Outcome> create(long ownerId, int gameType, int maxPlayers, int region, int mode, int ratingBand);

    CompletableFuture<Outcome> join(long userId, long instanceId);

    CompletableFuture<Outcome> leave(long userId, long instanceId);

    /**
     * @return the instance, or null when the master does not know it.
     */
    CompletableFuture<InstanceView> instance(long instanceId);

    CompletableFuture<SearchPage> search(int gameType, int region, int mode, int ratingBand, int minOpenSeats,
        int maxResults, long cursor);

    /**
     * @return every server, all pages.
     */
    CompletableFuture<List<Server>> servers();
}
