package io.gamehall.gateway;

import io.gamehall.sbe.client.ClientCode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordWorkTest
{
    private final CountDownLatch started = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final List<String> ran = new CopyOnWriteArrayList<>();

    @Test
    void shouldRefuseWithOverloadedWhenTheAddressShareOrTheQueueIsFull() throws Exception
    {
        try (PasswordWork work = new PasswordWork(1, 2, 2))
        {
            final CompletableFuture<String> running = work.submit("10.0.0.1", () -> block("a1"));
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
            final CompletableFuture<String> queued = work.submit("10.0.0.1", () -> job("a2"));
            assertThat(refusal(work.submit("10.0.0.1", () -> job("a3")))).as("a third from one address")
                .isEqualTo(ClientCode.OVERLOADED);

            final CompletableFuture<String> other = work.submit("10.0.0.2", () -> job("b1"));
            assertThat(refusal(work.submit("10.0.0.3", () -> job("c1")))).as("the queue holds 2, one each")
                .isEqualTo(ClientCode.OVERLOADED);

            release.countDown();
            assertThat(running.get(5, TimeUnit.SECONDS)).isEqualTo("a1");
            assertThat(queued.get(5, TimeUnit.SECONDS)).isEqualTo("a2");
            assertThat(other.get(5, TimeUnit.SECONDS)).isEqualTo("b1");
            assertThat(work.submit("10.0.0.1", () -> job("a4")).get(5, TimeUnit.SECONDS)).as("room again").isEqualTo("a4");
        }
    }

    @Test
    void shouldServeAddressesInTurnAndMakeRoomForAQuietAddressAtTheExpenseOfTheBusiest() throws Exception
    {
        try (PasswordWork work = new PasswordWork(1, 3, 4))
        {
            final CompletableFuture<String> a1 = work.submit("10.0.0.1", () -> block("a1"));
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
            final CompletableFuture<String> a2 = work.submit("10.0.0.1", () -> job("a2"));
            final CompletableFuture<String> a3 = work.submit("10.0.0.1", () -> job("a3"));
            final CompletableFuture<String> a4 = work.submit("10.0.0.1", () -> job("a4"));
            assertThat(work.queued()).isEqualTo(3);

            final CompletableFuture<String> b1 = work.submit("10.0.0.2", () -> job("b1"));
            assertThat(refusal(a4)).as("the busiest address's newest gave way").isEqualTo(ClientCode.OVERLOADED);

            release.countDown();
            CompletableFuture.allOf(a1, a2, a3, b1).get(5, TimeUnit.SECONDS);
            assertThat(ran).as("one job per address in turn").containsExactly("a1", "a2", "b1", "a3");
        }
    }

    private String block(final String name)
    {
        started.countDown();
        try
        {
            release.await(10, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        return job(name);
    }

    private String job(final String name)
    {
        ran.add(name);
        return name;
    }

    private static ClientCode refusal(final CompletableFuture<?> future)
    {
        assertThat(future).isCompletedExceptionally();
        final Throwable cause = future.handle((v, ex) -> StoreFailures.unwrap(ex)).join();
        assertThat(cause).isInstanceOf(LoginRefused.class);
        assertThat(((LoginRefused)cause).retryAfterMs()).isPositive();
        return ((LoginRefused)cause).code();
    }
}
