package io.gamehall.launcher;

import io.gamehall.gateway.SessionGateway;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code gamehall local}'s gateway on loopback takes every bot from 127.0.0.1 without its
 * per-address limits getting in the way; bound elsewhere it keeps the defaults.
 */
class LocalStackLimitsTest
{
    @Test
    void shouldWidenThePerAddressLimitsOnALoopbackBindOnly()
    {
        final SessionGateway.Context loopback = LocalStack.loopbackLimits(new SessionGateway.Context(), "127.0.0.1");
        assertThat(loopback.maxConnectionsPerAddress()).isEqualTo(loopback.maxConnections());
        assertThat(loopback.authQueuePerAddress()).isEqualTo(loopback.authQueue()).isGreaterThanOrEqualTo(1_000);
        assertThat(loopback.addressFailuresBeforeBackoff()).isGreaterThanOrEqualTo(1_000_000);
        assertThat(loopback.registrationsPerAddress()).isGreaterThanOrEqualTo(1_000_000);
        assertThat(loopback.accountFailuresBeforeBackoff()).as("accounts are still protected").isEqualTo(5);

        final SessionGateway.Context elsewhere = LocalStack.loopbackLimits(new SessionGateway.Context(), "0.0.0.0");
        assertThat(elsewhere.maxConnectionsPerAddress()).isEqualTo(64);
        assertThat(elsewhere.authQueuePerAddress()).isEqualTo(8);
        assertThat(elsewhere.registrationsPerAddress()).isEqualTo(20);
    }
}
