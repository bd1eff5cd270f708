package io.gamehall.replication.client;

import io.gamehall.sbe.master.ResultCode;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RegistrationTest
{
    @Test
    void asksAgainUntilTheMasterAnswersAndReturnsTheIdItGave()
    {
        final AtomicInteger attempts = new AtomicInteger();
        final long id = Registration.register("host h1", 10_000, () -> attempts.incrementAndGet() < 3 ?
            CompletableFuture.failedFuture(new TimeoutException("no leader")) :
            CompletableFuture.completedFuture(new Registration.Answer(ResultCode.OK, 42)));
        assertEquals(42, id);
        assertEquals(3, attempts.get());
    }

    @Test
    void asksAnAttemptWhoseOutcomeIsUnknownAgainWithItsOwnRequestId()
    {
        final AtomicInteger attempts = new AtomicInteger();
        final java.util.List<Long> reasked = new java.util.concurrent.CopyOnWriteArrayList<>();
        final long id = Registration.register("host h1", 10_000,
            () ->
            {
                attempts.incrementAndGet();
                return CompletableFuture.failedFuture(new OutcomeUnknownException(77));
            },
            unknown ->
            {
                reasked.add(unknown.requestId());
                return CompletableFuture.completedFuture(new Registration.Answer(ResultCode.OK, 42));
            });
        assertEquals(42, id);
        assertEquals(1, attempts.get(), "no second registration that the name taken by the first would refuse");
        assertEquals(java.util.List.of(77L), reasked);
    }

    @Test
    void aRefusalIsFinalAndNamesTheServerAndTheCode()
    {
        final AtomicInteger attempts = new AtomicInteger();
        final IllegalStateException ex = assertThrows(IllegalStateException.class, () -> Registration.register(
            "gateway g1", 10_000, () ->
            {
                attempts.incrementAndGet();
                return CompletableFuture.completedFuture(new Registration.Answer(ResultCode.SERVER_NAME_TAKEN, 0));
            }));
        assertEquals(1, attempts.get());
        assertEquals("the master refused the registration of gateway g1: SERVER_NAME_TAKEN", ex.getMessage());
    }

    @Test
    void noAnswerInTimeIsAnErrorWithTheLastReason()
    {
        final AtomicInteger attempts = new AtomicInteger();
        final IllegalStateException ex = assertThrows(IllegalStateException.class, () -> Registration.register(
            "host h2", 700, () ->
            {
                attempts.incrementAndGet();
                return CompletableFuture.failedFuture(new TimeoutException("no leader"));
            }));
        assertTrue(ex.getMessage().startsWith("could not register host h2 with the master within 700 ms"),
            ex.getMessage());
        assertTrue(ex.getMessage().contains("no leader"), ex.getMessage());
        assertTrue(attempts.get() >= 2 && attempts.get() <= 700 / Registration.RETRY_PAUSE_MS + 1,
            "attempts " + attempts.get());
    }

    @Test
    void anAttemptThatNeverCompletesEndsAtTheDeadline()
    {
        final IllegalStateException ex = assertThrows(IllegalStateException.class, () -> Registration.register(
            "host h3", 300, CompletableFuture::new));
        assertTrue(ex.getMessage().startsWith("could not register host h3 with the master within 300 ms"),
            ex.getMessage());
    }
}
