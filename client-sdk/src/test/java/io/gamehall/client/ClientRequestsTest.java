package io.gamehall.client;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

class ClientRequestsTest
{
    private final List<CompletableFuture<?>> armed = new ArrayList<>();
    private final List<Long> timeouts = new ArrayList<>();
    private final ClientRequests requests = new ClientRequests(7_000, (future, timeoutMs) ->
    {
        armed.add(future);
        timeouts.add(timeoutMs);
    });

    @Test
    void anAnswerCompletesTheRequestWithItsCorrelationIdOnly()
    {
        final long first = requests.nextCorrelationId();
        final long second = requests.nextCorrelationId();
        final CompletableFuture<byte[]> a = requests.await(first);
        final CompletableFuture<byte[]> b = requests.await(second);

        assertThat(requests.answer(second, new byte[]{ 2 })).isTrue();

        assertThat(b.join()).containsExactly(2);
        assertThat(a).isNotDone();
        assertThat(requests.answer(second, new byte[]{ 3 })).isFalse();
        assertThat(requests.answer(99, new byte[]{ 3 })).isFalse();
        assertThat(requests.waiting()).isEqualTo(1);
        assertThat(timeouts).containsExactly(7_000L, 7_000L);
    }

    @Test
    void aRequestThatTimesOutIsForgottenAndItsLateAnswerIgnored()
    {
        final long id = requests.nextCorrelationId();
        final CompletableFuture<byte[]> answer = requests.await(id);

        armed.get(0).completeExceptionally(new TimeoutException());

        assertThat(answer).isCompletedExceptionally();
        assertThat(requests.waiting()).isZero();
        assertThat(requests.answer(id, new byte[]{ 1 })).isFalse();
    }

    @Test
    void acknowledgementsBySequence()
    {
        final long s1 = requests.nextSequence();
        final long s2 = requests.nextSequence();
        assertThat(requests.takeAck(s1)).isNull();
        final CompletableFuture<Void> ack = requests.expectAck(s2);

        assertThat(requests.takeAck(s1)).isNull();
        assertThat(requests.takeAck(s2)).isSameAs(ack);
        assertThat(requests.takeAck(s2)).isNull();
        assertThat(s2).isEqualTo(s1 + 1);
    }

    @Test
    void aLostConnectionFailsEveryRequestAndAcknowledgement()
    {
        final CompletableFuture<byte[]> answer = requests.await(requests.nextCorrelationId());
        final CompletableFuture<Void> ack = requests.expectAck(requests.nextSequence());

        requests.failAll("connection lost: test");

        assertThat(answer).isCompletedExceptionally();
        assertThat(ack).isCompletedExceptionally();
        assertThat(answer.handle((v, ex) -> ex).join()).isInstanceOfSatisfying(ClientException.class,
            ce -> assertThat(ce.failure()).isEqualTo(ClientFailure.CONNECTION_LOST));
        assertThat(requests.waiting()).isZero();
    }

    @Test
    void theJdkDeadlineTimesOut()
    {
        final ClientRequests real = new ClientRequests(1, ClientRequests.OR_TIMEOUT);
        final CompletableFuture<byte[]> answer = real.await(real.nextCorrelationId());

        assertThat(answer.handle((v, ex) -> ex).join()).isInstanceOf(TimeoutException.class);
    }
}
