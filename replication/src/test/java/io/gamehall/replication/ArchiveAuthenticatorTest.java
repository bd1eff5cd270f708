package io.gamehall.replication;

import io.aeron.security.SessionProxy;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ArchiveAuthenticatorTest
{
    private static final byte[] SECRET = "an-archive-secret-for-this-unit-test".getBytes(StandardCharsets.UTF_8);

    private final ArchiveAuthenticator authenticator = new ArchiveAuthenticator(SECRET);

    @Test
    void shouldAuthenticateTheRightAnswerToItsChallenge()
    {
        final Proxy proxy = new Proxy(1);
        authenticator.onConnectRequest(1, ArchiveAuthenticator.HELLO, 0);
        authenticator.onConnectedSession(proxy, 0);
        assertThat(proxy.challenge).hasSize(32);
        authenticator.onChallengeResponse(1, ArchiveAuthenticator.credentials(SECRET).onChallenge(proxy.challenge), 1);
        authenticator.onChallengedSession(proxy, 1);
        assertThat(proxy.outcome).isEqualTo("authenticated");
        assertThat(authenticator.pendingCount()).isZero();
    }

    @Test
    void shouldRejectAWrongAnswerAndNoAnswerAndNoHello()
    {
        final Proxy wrong = new Proxy(1);
        authenticator.onConnectRequest(1, ArchiveAuthenticator.HELLO, 0);
        authenticator.onConnectedSession(wrong, 0);
        authenticator.onChallengeResponse(1, ArchiveAuthenticator.credentials("other".getBytes(StandardCharsets.UTF_8))
            .onChallenge(wrong.challenge), 1);
        authenticator.onChallengedSession(wrong, 1);
        assertThat(wrong.outcome).isEqualTo("rejected");

        final Proxy silent = new Proxy(2);
        authenticator.onConnectRequest(2, ArchiveAuthenticator.HELLO, 0);
        authenticator.onConnectedSession(silent, 0);
        authenticator.onChallengedSession(silent, 5_000);
        assertThat(silent.outcome).isNull();
        authenticator.onChallengedSession(silent, ArchiveAuthenticator.PENDING_TIMEOUT_MS + 1);
        assertThat(silent.outcome).isEqualTo("rejected");

        final Proxy plain = new Proxy(3);
        authenticator.onConnectRequest(3, SECRET, 0);
        authenticator.onConnectedSession(plain, 0);
        assertThat(plain.outcome).isEqualTo("rejected");
        assertThat(plain.challenge).isNull();
        assertThat(authenticator.pendingCount()).isZero();
    }

    @Test
    void shouldForgetSessionsThatNeverCompleteAndBoundThoseWaiting()
    {
        for (int i = 0; i < ArchiveAuthenticator.MAX_PENDING + 100; i++)
        {
            authenticator.onConnectRequest(i, ArchiveAuthenticator.HELLO, 0);
        }
        assertThat(authenticator.pendingCount()).isEqualTo(ArchiveAuthenticator.MAX_PENDING);
        authenticator.onConnectRequest(-1, ArchiveAuthenticator.HELLO, ArchiveAuthenticator.PENDING_TIMEOUT_MS + 1);
        assertThat(authenticator.pendingCount()).isEqualTo(1);
    }

    private static final class Proxy implements SessionProxy
    {
        private final long sessionId;
        byte[] challenge;
        String outcome;

        Proxy(final long sessionId)
        {
            this.sessionId = sessionId;
        }

        public long sessionId()
        {
            return sessionId;
        }

        public boolean challenge(final byte[] encodedChallenge)
        {
            challenge = encodedChallenge.clone();
            return true;
        }

        public boolean authenticate(final byte[] encodedPrincipal)
        {
            outcome = "authenticated";
            return true;
        }

        public void reject()
        {
            outcome = "rejected";
        }
    }
}
