package io.gamehall.gateway;

import io.gamehall.sbe.client.ClientCode;
import io.gamehall.sbe.client.Outcome;
import io.gamehall.store.HistoryEntry;
import io.gamehall.store.HistoryPage;
import io.gamehall.store.Store;

import java.util.ArrayList;
import java.util.List;

import static io.gamehall.gateway.ClientCodes.map;
import static io.gamehall.gateway.ClientCodes.masterFailure;

/**
 * A logged-in user's lobby requests: create, join and leave an instance and search (commands
 * to the master, as the session's user), and the user's game history (from the store).
 */
final class LobbyRequests
{
    /** The most games one history request may ask for. */
    static final int MAX_HISTORY_RESULTS = 100;

    private final GatewayState gateway;
    private final MasterRequests master;
    private final Store store;
    private final Seats seats;

    LobbyRequests(final GatewayState gateway, final MasterRequests master, final Store store, final Seats seats)
    {
        this.gateway = gateway;
        this.master = master;
        this.store = store;
        this.seats = seats;
    }

    private static Session requireSession(final Connection c, final long correlationId)
    {
        final Session session = c.session();
        if (session == null)
        {
            c.send(ClientFrames.result(correlationId, ClientCode.NOT_LOGGED_IN, "log in first"));
        }
        return session;
    }

    void create(final Connection c, final long correlationId, final int gameType, final int maxPlayers,
        final int region, final int mode, final int ratingBand)
    {
        final Session session = requireSession(c, correlationId);
        if (session == null)
        {
            return;
        }
        master.create(session.userId, gameType, maxPlayers, region, mode, ratingBand).whenComplete((outcome, ex) ->
        {
            if (ex != null || !outcome.ok())
            {
                session.reply(ClientFrames.instanceResult(correlationId, ex != null ? masterFailure(ex) :
                    map(outcome.code()), 0, gameType, maxPlayers, ex != null ? "the master did not answer" :
                    String.valueOf(outcome.code())));
                return;
            }
            final long instanceId = outcome.subjectId();
            seats.seatAt(session, instanceId, outcome.detailId(), () -> session.reply(ClientFrames.instanceResult(
                correlationId, ClientCode.OK, instanceId, gameType, maxPlayers, "")));
        });
    }

    void join(final Connection c, final long correlationId, final long instanceId)
    {
        final Session session = requireSession(c, correlationId);
        if (session == null)
        {
            return;
        }
        master.join(session.userId, instanceId).whenComplete((outcome, ex) ->
        {
            if (ex != null || !outcome.ok())
            {
                session.reply(ClientFrames.instanceResult(correlationId, ex != null ? masterFailure(ex) :
                    map(outcome.code()), instanceId, 0, 0, ex != null ? "the master did not answer" :
                    String.valueOf(outcome.code())));
                return;
            }
            master.instance(instanceId).whenComplete((view, failure) ->
            {
                final long hostId = view == null ? 0 : view.hostId();
                seats.seatAt(session, instanceId, hostId, () -> session.reply(ClientFrames.instanceResult(correlationId,
                    ClientCode.OK, instanceId, view == null ? 0 : view.gameType(), view == null ? 0 : view.maxPlayers(),
                    "")));
            });
        });
    }

    /**
     * @param instanceId the instance to leave; 0 for whatever seat the user holds (the master
     *                   says which).
     */
    void leave(final Connection c, final long correlationId, final long instanceId)
    {
        final Session session = requireSession(c, correlationId);
        if (session == null)
        {
            return;
        }
        if (instanceId == 0)
        {
            master.checkIn(gateway.gatewayId(), session.userId, session.name).whenComplete((outcome, ex) ->
            {
                final long seat = ex == null && outcome.ok() ? outcome.detailId() : 0;
                if (seat == 0)
                {
                    session.reply(ClientFrames.result(correlationId, ex != null ? masterFailure(ex) :
                        outcome.ok() ? ClientCode.NOT_IN_INSTANCE : map(outcome.code()), "no seat to leave"));
                    return;
                }
                leave(c, correlationId, seat);
            });
            return;
        }
        master.leave(session.userId, instanceId).whenComplete((outcome, ex) ->
        {
            if (ex == null && outcome.ok())
            {
                session.unseat(instanceId);
            }
            session.reply(ClientFrames.result(correlationId, ex != null ? masterFailure(ex) : map(outcome.code()), ""));
        });
    }

    void search(final Connection c, final long correlationId, final int gameType, final int region,
        final int mode, final int ratingBand, final int minOpenSeats, final int maxResults, final long cursor)
    {
        final Session session = requireSession(c, correlationId);
        if (session == null)
        {
            return;
        }
        master.search(gameType, region, mode, ratingBand, minOpenSeats, maxResults, cursor).whenComplete((page, ex) ->
        {
            if (ex != null)
            {
                session.reply(ClientFrames.searchResult(correlationId, masterFailure(ex), 0, List.of()));
                return;
            }
            final List<ClientFrames.InstanceEntry> hits = new ArrayList<>();
            for (final MasterRequests.InstanceView v : page.instances())
            {
                hits.add(new ClientFrames.InstanceEntry(v.instanceId(), v.gameType(), ClientCodes.phase(v.state()),
                    v.ownerId(), v.maxPlayers(), v.playerCount(), v.region(), v.mode(), v.ratingBand()));
            }
            session.reply(ClientFrames.searchResult(correlationId, map(page.code()), page.nextCursor(), hits));
        });
    }

    /**
     * @param before     the cursor of a previous page; 0 for the newest games.
     * @param maxResults 1 to {@link #MAX_HISTORY_RESULTS}.
     */
    void history(final Connection c, final long correlationId, final long before, final int maxResults)
    {
        final Session session = requireSession(c, correlationId);
        if (session == null)
        {
            return;
        }
        if (maxResults < 1 || maxResults > MAX_HISTORY_RESULTS)
        {
            session.reply(ClientFrames.historyResult(correlationId, ClientCode.INVALID_VALUE, 0, List.of()));
            return;
        }
        store.recentGames(session.userId, before == 0 ? HistoryPage.NEWEST : before, maxResults)
            .whenComplete((page, ex) ->
            {
                if (ex != null)
                {
                    session.reply(ClientFrames.historyResult(correlationId,
                        StoreFailures.code(ex, ClientCode.STORE_UNAVAILABLE), 0, List.of()));
                    return;
                }
                final List<ClientFrames.GameEntry> games = new ArrayList<>();
                for (final HistoryEntry e : page.entries())
                {
                    games.add(new ClientFrames.GameEntry(e.gameId(), e.gameType(), e.endTimeMs(),
                        Outcome.valueOf(e.outcome().name())));
                }
                session.reply(ClientFrames.historyResult(correlationId, ClientCode.OK, page.nextCursor(), games));
            });
    }
}
