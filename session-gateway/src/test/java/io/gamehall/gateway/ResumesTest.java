package io.gamehall.gateway;

import io.gamehall.sbe.client.ClientCode;
import io.gamehall.sbe.client.LoginResultDecoder;
import io.gamehall.sbe.client.ResumeKind;
import io.gamehall.store.StoreError;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.gamehall.gateway.GatewayRoles.GATEWAY_ID;
import static io.gamehall.gateway.GatewayRoles.KEEP_EVENTS;
import static io.gamehall.gateway.GatewayRoles.NOW_MS;
import static io.gamehall.gateway.GatewayRoles.TOKEN_LIFETIME_MS;
import static org.assertj.core.api.Assertions.assertThat;

class ResumesTest
{
    private final GatewayRoles roles = new GatewayRoles();
    private final ClientInbox client = new ClientInbox();

    @Test
    void shouldRefuseAnExpiredOrDamagedTokenWithoutReadingTheStore()
    {
        roles.store.add(42, "ann", 0);
        final String token = roles.tokens.issue(42, "ann", 0, NOW_MS, NOW_MS);

        roles.clock.update(NOW_MS + TOKEN_LIFETIME_MS + 1);
        roles.resumes.resume(client.connection, 31, 0, token);
        assertThat(client.only().loginResult().code()).isEqualTo(ClientCode.TOKEN_EXPIRED);

        roles.clock.update(NOW_MS);
        roles.resumes.resume(client.connection, 32, 0, token.substring(0, token.length() - 2) + "xx");
        assertThat(client.only().loginResult().code()).isEqualTo(ClientCode.TOKEN_INVALID);
        assertThat(roles.store.calls).isEmpty();
    }

    @Test
    void shouldRefuseATokenOfAnEarlierGenerationOrOfNoAccount()
    {
        roles.store.add(42, "ann", 1);

        roles.resumes.resume(client.connection, 33, 0, roles.tokens.issue(42, "ann", 0, NOW_MS, NOW_MS));
        assertThat(client.only().loginResult().code()).isEqualTo(ClientCode.TOKEN_REVOKED);
        roles.resumes.resume(client.connection, 34, 0, roles.tokens.issue(43, "bob", 0, NOW_MS, NOW_MS));
        assertThat(client.only().loginResult().code()).isEqualTo(ClientCode.TOKEN_INVALID);
        roles.store.failure = StoreError.UNAVAILABLE;
        roles.resumes.resume(client.connection, 35, 0, roles.tokens.issue(42, "ann", 1, NOW_MS, NOW_MS));
        assertThat(client.only().loginResult().code()).isEqualTo(ClientCode.STORE_UNAVAILABLE);
        assertThat(roles.sessions.size()).isZero();
        assertThat(client.connection.isAuthenticating()).isFalse();
    }

    @Test
    void shouldContinueASessionKeptHereAndReplayTheEventsMissed()
    {
        final ClientInbox before = roles.loggedIn(42, "ann");
        final Session session = roles.sessions.get(42);
        for (int i = 1; i <= 3; i++)
        {
            final long instanceId = 100 + i;
            session.event(seq -> ClientFrames.instanceMoved(seq, instanceId));
        }
        assertThat(before.frames()).hasSize(3);
        roles.lifecycle.onDisconnected(before.connection);
        roles.clock.update(NOW_MS + 5_000);

        roles.resumes.resume(client.connection, 36, 1, roles.tokens.issue(42, "ann", 0, NOW_MS - 1_000, NOW_MS));

        final List<ClientInbox.Frame> frames = client.frames();
        assertThat(frames).hasSize(3);
        final LoginResultDecoder answer = frames.get(0).loginResult();
        assertThat(answer.code()).isEqualTo(ClientCode.OK);
        assertThat(answer.resumed()).isEqualTo(ResumeKind.CONTINUED);
        assertThat(frames.get(1).instanceMoved().eventSequence()).isEqualTo(2);
        assertThat(frames.get(1).instanceMoved().instanceId()).isEqualTo(102);
        assertThat(frames.get(2).instanceMoved().eventSequence()).isEqualTo(3);
        assertThat(roles.sessions.get(42)).isSameAs(session);
        assertThat(session.connection()).isSameAs(client.connection);
        assertThat(roles.timers.runDue()).as("the grace timer was cancelled").isZero();
        assertThat(roles.master.calls).endsWith("checkIn " + GATEWAY_ID + " 42 ann");
    }

    @Test
    void shouldRenewTheTokenKeepingTheTimeThePasswordWasGiven() throws Exception
    {
        roles.loggedIn(42, "ann");

        roles.resumes.resume(client.connection, 37, 0, roles.tokens.issue(42, "ann", 0, NOW_MS - 1_000, NOW_MS - 500));

        final LoginResultDecoder answer = client.only().loginResult();
        final TokenService.Claims renewed = roles.tokens.verify(answer.token(), NOW_MS);
        assertThat(renewed.authTimeMs()).isEqualTo(NOW_MS - 1_000);
        assertThat(renewed.expiresAtMs()).isEqualTo(NOW_MS + TOKEN_LIFETIME_MS);
    }

    @Test
    void shouldStartAfreshAndAskForTheGameStateWhenTooMuchWasMissed()
    {
        final ClientInbox before = roles.seated(42, "ann", 55, "host-9:4000");
        final Session session = roles.sessions.get(42);
        for (int i = 0; i < KEEP_EVENTS + 4; i++)
        {
            session.event(seq -> ClientFrames.instanceMoved(seq, 55));
        }
        before.frames();
        roles.lifecycle.onDisconnected(before.connection);
        roles.master.checkIn = FakeMaster.ok(0, 55);

        roles.resumes.resume(client.connection, 38, 1, roles.tokens.issue(42, "ann", 0, NOW_MS, NOW_MS));

        final LoginResultDecoder answer = client.only().loginResult();
        assertThat(answer.resumed()).isEqualTo(ResumeKind.NEW_SESSION);
        assertThat(answer.instanceId()).isEqualTo(55);
        assertThat(roles.hosts.syncs).containsExactly("host-9:4000 55 42");
    }

    @Test
    void shouldCheckInLikeALoginWhenNoSessionIsKeptHere()
    {
        roles.store.add(42, "ann", 0);

        roles.resumes.resume(client.connection, 39, 0, roles.tokens.issue(42, "ann", 0, NOW_MS, NOW_MS));

        assertThat(client.only().loginResult().resumed()).isEqualTo(ResumeKind.NEW_SESSION);
        assertThat(roles.master.calls).containsExactly("checkIn " + GATEWAY_ID + " 42 ann");
        assertThat(roles.sessions.get(42).connection()).isSameAs(client.connection);
        assertThat(roles.logins.logins()).isEqualTo(1);
    }
}
