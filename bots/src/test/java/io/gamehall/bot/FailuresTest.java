package io.gamehall.bot;

import io.gamehall.client.ClientException;
import io.gamehall.client.ClientFailure;
import io.gamehall.sbe.client.ClientCode;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

class FailuresTest
{
    @Test
    void aRefusalIsCountedByTheGatewaysCodeAndCarriesItsWait()
    {
        final Throwable refused = new CompletionException(new ClientException(ClientCode.TOO_MANY_ATTEMPTS, "slow", 1_200));

        assertThat(Failures.name(refused)).isEqualTo("TOO_MANY_ATTEMPTS");
        assertThat(Failures.code(refused)).isEqualTo(ClientCode.TOO_MANY_ATTEMPTS);
        assertThat(Failures.retryAfterMs(refused)).isEqualTo(1_200);
    }

    @Test
    void localFailuresTimeoutsAndAnythingElse()
    {
        final Throwable lost = new ClientException(ClientFailure.CONNECTION_LOST, "gone", null);

        assertThat(Failures.name(lost)).isEqualTo("CONNECTION_LOST");
        assertThat(Failures.code(lost)).isNull();
        assertThat(Failures.name(new CompletionException(new TimeoutException()))).isEqualTo(Failures.NO_ANSWER);
        assertThat(Failures.name(new IllegalStateException())).isEqualTo(Failures.INTERNAL);
        assertThat(Failures.retryAfterMs(new IllegalStateException())).isZero();
    }
}
