package io.gamehall.gateway;

import io.gamehall.sbe.master.ResultCode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The master in memory: answers as the test sets them (at once, on the caller's thread), and
 * the requests it was sent as lines of text ("checkIn 7 42 ann").
 */
final class FakeMaster implements MasterRequests
{
    final List<String> calls = new CopyOnWriteArrayList<>();
    final Map<Long, InstanceView> instances = new HashMap<>();
    final List<Server> servers = new ArrayList<>();
    Outcome checkIn = ok(0, 0);
    Outcome checkOut = ok(0, 0);
    Outcome create = ok(0, 0);
    Outcome join = ok(0, 0);
    Outcome leave = ok(0, 0);
    SearchPage search = new SearchPage(ResultCode.OK, 0, List.of());
    /** When set, every request fails with it. */
    Throwable failure;
    /** When set, check-ins wait for it instead of answering at once. */
    CompletableFuture<Outcome> pendingCheckIn;

    static Outcome ok(final long subjectId, final long detailId)
    {
        return new Outcome(ResultCode.OK, subjectId, detailId);
    }

    static Outcome refused(final ResultCode code)
    {
        return new Outcome(code, 0, 0);
    }

    private <T> CompletableFuture<T> answer(final T value)
    {
        return failure != null ? CompletableFuture.failedFuture(failure) : CompletableFuture.completedFuture(value);
    }

    @Override
    public CompletableFuture<Outcome> checkIn(final long gatewayId, final long userId, final String name)
    {
        calls.add("checkIn " + gatewayId + " " + userId + " " + name);
        return pendingCheckIn != null ? pendingCheckIn : answer(checkIn);
    }

    @Override
    public CompletableFuture<Outcome> checkOut(final long gatewayId, final long userId)
    {
        calls.add("checkOut " + gatewayId + " " + userId);
        return answer(checkOut);
    }

    @Override
    public CompletableFuture<Outcome> create(final long ownerId, final int gameType, final int maxPlayers,
        final int region, final int mode, final int ratingBand)
    {
        calls.add("create " + ownerId + " " + gameType + " " + maxPlayers + " " + region + " " + mode + " " + ratingBand);
        return answer(create);
    }

    @Override
    public CompletableFuture<Outcome> join(final long userId, final long instanceId)
    {
        calls.add("join " + userId + " " + instanceId);
        return answer(join);
    }

    @Override
    public CompletableFuture<Outcome> leave(final long userId, final long instanceId)
    {
        calls.add("leave " + userId + " " + instanceId);
        return answer(leave);
    }

    @Override
    public CompletableFuture<InstanceView> instance(final long instanceId)
    {
        calls.add("instance " + instanceId);
        return answer(instances.get(instanceId));
    }

    @Override
    public CompletableFuture<SearchPage> search(final int gameType, final int region, final int mode,
        final int ratingBand, final int minOpenSeats, final int maxResults, final long cursor)
    {
        calls.add("search " + gameType + " " + region + " " + mode + " " + ratingBand + " " + minOpenSeats + " " +
            maxResults + " " + cursor);
        return answer(search);
    }

    @Override
    public CompletableFuture<List<Server>> servers()
    {
        calls.add("servers");
        return answer(List.copyOf(servers));
    }
}
