package io.gamehall.client;

import io.gamehall.sbe.client.ClientCode;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClientExceptionTest
{
    @Test
    void shouldCarryTheGatewaysCodeForARefusal()
    {
        final ClientException refusal = new ClientException(ClientCode.OVERLOADED, "busy", 1_000);

        assertThat(refusal.failure()).isEqualTo(ClientFailure.REFUSED);
        assertThat(refusal.code()).isEqualTo(ClientCode.OVERLOADED);
        assertThat(refusal.retryAfterMs()).isEqualTo(1_000);
        assertThat(refusal).hasMessage("OVERLOADED: busy");
    }

    @Test
    void shouldSayWhatFailedOnThisSideAndKeepTheCause()
    {
        final IOException cause = new IOException("connection refused");
        final ClientException local = new ClientException(ClientFailure.CONNECT_FAILED, "cannot connect", cause);

        assertThat(local.failure()).isEqualTo(ClientFailure.CONNECT_FAILED);
        assertThat(local.code()).as("no code of the gateway's, not the codec's null value").isNull();
        assertThat(local).hasMessage("CONNECT_FAILED: cannot connect").hasCause(cause);
        assertThatThrownBy(() -> new ClientException(ClientFailure.REFUSED, "x", null))
            .isInstanceOf(IllegalArgumentException.class);
    }
}
