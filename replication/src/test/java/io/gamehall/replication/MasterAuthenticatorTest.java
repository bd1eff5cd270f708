package io.gamehall.replication;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.aeron.security.SessionProxy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MasterAuthenticatorTest
{
    private final MasterAuthenticator authenticator = new MasterAuthenticator(
        Map.of(ClientRole.GATEWAY, "gateway-secret", ClientRole.HOST, "host-secret"));
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger logger = (Logger)LoggerFactory.getLogger(MasterAuthenticator.class);

    @BeforeEach
    void capture()
    {
        logged.start();
        logger.addAppender(logged);
        logger.setLevel(ch.qos.logback.classic.Level.WARN);
    }

    @AfterEach
    void release()
    {
        logger.detachAppender(logged);
        logger.setLevel(null);
    }

    @Test
    void shouldAdmitTheRightSecretWithTheRoleAndClientIdAsPrincipal()
    {
        authenticator.onConnectRequest(1, bytes("host:42:host-secret"), 0);
        final Proxy proxy = new Proxy(1);

        authenticator.onConnectedSession(proxy, 1);

        assertThat(proxy.principal).isEqualTo(new SessionPrincipal(ClientRole.HOST, 42));
        assertThat(proxy.rejected).isFalse();
    }

    @Test
    void shouldRejectWrongSecretsMissingClientIdsAndRolesWithoutASecret()
    {
        for (final String credentials : new String[]{"host:42:gateway-secret", "host:host-secret", "host:x:host-secret",
            "host:-1:host-secret", "admin:1:anything", "", "nobody:1:host-secret"})
        {
            authenticator.onConnectRequest(7, bytes(credentials), 0);
            final Proxy proxy = new Proxy(7);
            authenticator.onConnectedSession(proxy, 0);
            assertThat(proxy.rejected).as(credentials).isTrue();
            assertThat(proxy.principal).as(credentials).isNull();
        }
    }

    @Test
    void shouldForgetConnectRequestsWhoseSessionNeverConnects()
    {
        for (int session = 0; session < MasterAuthenticator.MAX_PENDING + 1_000; session++)
        {
            authenticator.onConnectRequest(session, bytes("host:42:host-secret"), 0);
        }
        assertThat(authenticator.pendingCount()).isEqualTo(MasterAuthenticator.MAX_PENDING);

        authenticator.onConnectRequest(-1, bytes("host:42:host-secret"), MasterAuthenticator.PENDING_TIMEOUT_MS);

        assertThat(authenticator.pendingCount()).as("older than the timeout").isEqualTo(1);
    }

    @Test
    void shouldNeverLogWhatAnUnauthenticatedPeerChoseAndLogRefusalsAtMostOnceASecond()
    {
        final String label = "evil-label-" + "x".repeat(500);
        for (int session = 0; session < 100; session++)
        {
            authenticator.onConnectRequest(session, bytes(label + ":1:secret"), 10);
            authenticator.onConnectedSession(new Proxy(session), 10 + session);
        }
        authenticator.onConnectRequest(1_000, bytes("x".repeat(MasterAuthenticator.MAX_CREDENTIALS_LENGTH + 1)), 2_000);
        authenticator.onConnectedSession(new Proxy(1_000), 2_000);

        assertThat(logged.list).hasSize(2);
        assertThat(logged.list).allSatisfy(event -> assertThat(event.getFormattedMessage())
            .doesNotContain("evil-label").doesNotContain("xxxx"));
        assertThat(logged.list.get(1).getFormattedMessage()).contains("99 more rejected");
    }

    private static byte[] bytes(final String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A connecting session. */
    private static final class Proxy implements SessionProxy
    {
        private final long sessionId;
        private SessionPrincipal principal;
        private boolean rejected;

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
            return false;
        }

        public boolean authenticate(final byte[] encodedPrincipal)
        {
            principal = SessionPrincipal.decode(encodedPrincipal);
            return true;
        }

        public void reject()
        {
            rejected = true;
        }
    }
}
