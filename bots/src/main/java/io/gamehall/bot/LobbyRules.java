package io.gamehall.bot;

import io.gamehall.client.GameClient;
import io.gamehall.sbe.client.ClientCode;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The lobby side of a bot, as decisions on plain values: which table to join from a page of
 * search hits (or the next page, or a table of its own), where the next search starts, and what
 * a refused join or create means. Holds no connection; the bot acts on its answers.
 */
final class LobbyRules
{
    /** Search hits asked for per page. */
    static final int SEARCH_PAGE_SIZE = 16;
    /** Pages searched for a waiting table before the bot creates one. */
    static final int SEARCH_PAGES = 8;
    /** "Still seated" refusals in a row taken as the master's delay; past it, the seat is given up. */
    static final int MAX_STILL_SEATED_IN_A_ROW = 25;

    /**
     * What to do after a page of search hits.
     *
     * @param action     join {@code instanceId}, search on from {@code cursor}, or create.
     * @param instanceId the table to join.
     * @param cursor     where the next page starts.
     */
    record SearchStep(Action action, long instanceId, long cursor)
    {
    }

    /**
     * The lobby's next request.
     */
    enum Action
    {
        JOIN,
        NEXT_PAGE,
        CREATE
    }

    /**
     * What a refused join or create means.
     */
    enum Refusal
    {
        /** Another bot took the seat or the table went: search again. */
        LOST_RACE,
        /** The master has not freed the seat of the last game yet: search again. */
        STILL_SEATED,
        /** Seated somewhere the bot does not know (an answer lost to a drop): give that seat up. */
        LEAVE_UNKNOWN_SEAT,
        /** Anything else: counted as an error, search again. */
        ERROR
    }

    private long searchFrom;
    private int stillSeatedInARow;

    /**
     * @return where the next search starts.
     */
    long searchFrom()
    {
        return searchFrom;
    }

    /**
     * Look for a table someone waits at, page after page (the master lists tables by id, and
     * empty ones linger a while after their players left: a first page of those alone once made
     * every bot create a table of its own, never seen by the others, ever more of them); create
     * one when there is none in {@link #SEARCH_PAGES} pages. The next search goes on from where
     * this one stopped (from the start again after the last page), so that with more tables than
     * those pages hold the searches still cover them all, newest (highest ids) included.
     *
     * @param pagesLeft pages this search may still read, this one included.
     */
    SearchStep afterPage(
        final GameClient.SearchPage page, final long userId, final int pagesLeft, final SplittableRandom random)
    {
        final List<GameClient.InstanceSummary> open = new ArrayList<>();
        for (final GameClient.InstanceSummary hit : page.instances())
        {
            if (hit.ownerId() != userId && hit.playerCount() > 0 && hit.playerCount() < hit.maxPlayers())
            {
                open.add(hit);
            }
        }
        if (!open.isEmpty())
        {
            return new SearchStep(Action.JOIN, open.get(random.nextInt(open.size())).instanceId(), 0);
        }
        if (page.nextCursor() != 0 && pagesLeft > 1)
        {
            return new SearchStep(Action.NEXT_PAGE, 0, page.nextCursor());
        }
        searchFrom = page.nextCursor();
        return new SearchStep(Action.CREATE, 0, 0);
    }

    /**
     * A join or create succeeded.
     */
    void seated()
    {
        stillSeatedInARow = 0;
    }

    /**
     * @param code the refusal's code, null for a failure that is not a refusal.
     * @param join true for a join, false for a create.
     */
    Refusal refused(final ClientCode code, final boolean join)
    {
        if (join && (code == ClientCode.INSTANCE_FULL || code == ClientCode.INSTANCE_NOT_JOINABLE ||
            code == ClientCode.UNKNOWN_INSTANCE))
        {
            return Refusal.LOST_RACE;
        }
        if (code != ClientCode.ALREADY_IN_INSTANCE)
        {
            return Refusal.ERROR;
        }
        // the master frees a seat only once the host has saved the finished game, a moment after the
        // players heard it closed: expected right after a game; not when it goes on
        stillSeatedInARow++;
        if (stillSeatedInARow > MAX_STILL_SEATED_IN_A_ROW)
        {
            stillSeatedInARow = 0;
            return Refusal.LEAVE_UNKNOWN_SEAT;
        }
        return Refusal.STILL_SEATED;
    }
}
