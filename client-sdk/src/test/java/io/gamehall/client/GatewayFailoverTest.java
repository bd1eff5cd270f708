package io.gamehall.client;

import io.gamehall.sbe.client.ClientCode;
import io.gamehall.sbe.client.ResumeKind;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

class GatewayFailoverTest
{
    private static final String A = "ws://a/ws";
    private static final String B = "ws://b/ws";
    private static final String C = "ws://c/ws";

    private final List<String> dialed = new ArrayList<>();
    private final Map<String, Boolean> answers = new HashMap<>();
    private final Queue<CompletableFuture<GameClient.Login>> resumes = new ArrayDeque<>();
    private final List<Long> delays = new ArrayList<>();
    private final Queue<Runnable> delayed = new ArrayDeque<>();
    private final List<String> heard = new ArrayList<>();
    private final ClientRequests requests = new ClientRequests(1_000, (future, timeoutMs) -> { });
    private long now = 1_000;
    private boolean closed;
    private final GatewayFailover failover = new GatewayFailover(new GatewayList(List.of(A, B, C), 7), requests,
        new GameClientListener()
        {
            public void onResumed(final ResumeKind kind, final String gatewayUrl)
            {
                heard.add("resumed " + kind + " at " + gatewayUrl);
            }

            public void onGaveUp(final String reason)
            {
                heard.add("gave up: " + reason);
            }
        },
        this::dial,
        () ->
        {
            final CompletableFuture<GameClient.Login> resume = new CompletableFuture<>();
            resumes.add(resume);
            return resume;
        },
        () -> closed, () -> now, (delayMs, task) ->
        {
            delays.add(delayMs);
            delayed.add(task);
        });

    @Test
    void checkInMovesToTheNextGatewayWhenOneDoesNotAnswer()
    {
        answers.put(A, false);
        answers.put(B, true);

        final CompletableFuture<String> url = failover.checkIn(List.of(A, B, C));

        assertThat(url).isCompletedWithValue(B);
        assertThat(dialed).containsExactly(A, B);
    }

    @Test
    void checkInFailsWithNoGatewayWhenNoneAnswers()
    {
        final CompletableFuture<String> url = failover.checkIn(List.of(A, B));

        assertThat(dialed).containsExactly(A, B);
        assertThat(url.handle((u, ex) -> ex.getCause()).join()).isInstanceOfSatisfying(ClientException.class,
            ce -> assertThat(ce.failure()).isEqualTo(ClientFailure.NO_GATEWAY));
    }

    @Test
    void aMoveResumesOnTheFirstGatewayThatAnswers()
    {
        answers.put(B, true);

        failover.moveTo(List.of(A, B), now + 30_000);
        assertThat(failover.isMoving()).isTrue();
        assertThat(heard).isEmpty();

        resumes.remove().complete(login(ResumeKind.CONTINUED));

        assertThat(failover.isMoving()).isFalse();
        assertThat(heard).containsExactly("resumed CONTINUED at " + B);
    }

    @Test
    void aFailedRoundIsRetriedOverAllGatewaysAfterABackoff()
    {
        failover.moveTo(List.of(A), now + 30_000);
        assertThat(dialed).containsExactly(A);
        assertThat(delays).containsExactly(GatewayFailover.INITIAL_BACKOFF_MS);

        answers.put(C, true);
        delayed.remove().run();

        assertThat(dialed.get(0)).isEqualTo(A);
        assertThat(dialed.subList(1, dialed.size())).endsWith(C).doesNotHaveDuplicates().isSubsetOf(A, B, C);
        assertThat(failover.isMoving()).isTrue();
        resumes.remove().complete(login(ResumeKind.NEW_SESSION));
        assertThat(heard).containsExactly("resumed NEW_SESSION at " + C);
    }

    @Test
    void aRefusedTokenEndsTheAttemptsAndFailsWhatWaits()
    {
        answers.put(A, true);
        final CompletableFuture<byte[]> waiting = requests.await(requests.nextCorrelationId());

        failover.moveTo(List.of(A), now + 30_000);
        resumes.remove().completeExceptionally(new ClientException(ClientCode.TOKEN_REVOKED, "logged out"));

        assertThat(heard).containsExactly("gave up: TOKEN_REVOKED: logged out");
        assertThat(delayed).isEmpty();
        assertThat(failover.isMoving()).isFalse();
        assertThat(waiting).isCompletedExceptionally();
    }

    @Test
    void theAttemptsEndWhenTheBudgetIsSpentOrTheClientClosed()
    {
        failover.moveTo(List.of(A), now + 500);
        now += 501;
        delayed.remove().run();

        assertThat(heard).containsExactly("gave up: NO_GATEWAY: no gateway answered");
        assertThat(delayed).isEmpty();

        heard.clear();
        now = 0;
        failover.moveTo(List.of(A), 30_000);
        closed = true;
        delayed.remove().run();
        assertThat(heard).containsExactly("gave up: NO_GATEWAY: no gateway answered");
    }

    @Test
    void backoffDoublesToItsLimit()
    {
        assertThat(GatewayFailover.backoff(0)).isEqualTo(100);
        assertThat(GatewayFailover.backoff(3)).isEqualTo(800);
        assertThat(GatewayFailover.backoff(5)).isEqualTo(GatewayFailover.MAX_BACKOFF_MS);
        assertThat(GatewayFailover.backoff(50)).isEqualTo(GatewayFailover.MAX_BACKOFF_MS);
    }

    private CompletableFuture<String> dial(final String url)
    {
        dialed.add(url);
        return answers.getOrDefault(url, false) ? CompletableFuture.completedFuture(url) :
            CompletableFuture.failedFuture(new ClientException(ClientFailure.CONNECT_FAILED, "refused " + url, null));
    }

    private static GameClient.Login login(final ResumeKind kind)
    {
        return new GameClient.Login(5, "token", 0, 0, kind);
    }
}
