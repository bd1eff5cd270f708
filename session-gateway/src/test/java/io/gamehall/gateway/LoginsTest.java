package io.gamehall.gateway;

import io.gamehall.sbe.client.ClientCode;
import io.gamehall.sbe.client.KickCause;
import io.gamehall.sbe.client.LoginResultDecoder;
import io.gamehall.sbe.client.ResumeKind;
import io.gamehall.sbe.master.InstanceState;
import io.gamehall.sbe.master.ResultCode;
import io.gamehall.store.Account;
import io.gamehall.store.StoreError;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

import static io.gamehall.gateway.GatewayRoles.GATEWAY_ID;
import static io.gamehall.gateway.GatewayRoles.NOW_MS;
import static io.gamehall.gateway.GatewayRoles.TOKEN_LIFETIME_MS;
import static org.assertj.core.api.Assertions.assertThat;

class LoginsTest
{
    private final GatewayRoles roles = new GatewayRoles();
    private final ClientInbox client = new ClientInbox();

    @Test
    void shouldCheckTheUserInWithTheMasterAndAnswerWithATokenThatVerifies() throws Exception
    {
        roles.credentials.answer = CompletableFuture.completedFuture(new Account(42, "ann", null, 0, 3));

        roles.logins.login(client.connection, 11, "ann", "ann-password");

        assertThat(roles.credentials.calls).containsExactly("login ann ann-password");
        assertThat(roles.master.calls).containsExactly("checkIn " + GATEWAY_ID + " 42 ann");
        final LoginResultDecoder answer = client.only().loginResult();
        assertThat(answer.correlationId()).isEqualTo(11);
        assertThat(answer.code()).isEqualTo(ClientCode.OK);
        assertThat(answer.userId()).isEqualTo(42);
        assertThat(answer.resumed()).isEqualTo(ResumeKind.NEW_SESSION);
        assertThat(answer.expiresAtMs()).isEqualTo(NOW_MS + TOKEN_LIFETIME_MS);
        final TokenService.Claims claims = roles.tokens.verify(answer.token(), NOW_MS);
        assertThat(claims.userId()).isEqualTo(42);
        assertThat(claims.generation()).as("the account's token generation").isEqualTo(3);
        assertThat(claims.authTimeMs()).as("the injected clock").isEqualTo(NOW_MS);
        assertThat(roles.sessions.get(42).connection()).isSameAs(client.connection);
        assertThat(roles.logins.logins()).isEqualTo(1);
        assertThat(client.connection.isAuthenticating()).isFalse();
    }

    @Test
    void shouldPassOnARefusalWithItsCodeAndRetryAfterAndCheckNobodyIn()
    {
        roles.credentials.answer = CompletableFuture.failedFuture(
            new LoginRefused(ClientCode.TOO_MANY_ATTEMPTS, "too many attempts; wait", 4_000));

        roles.logins.login(client.connection, 12, "ann", "wrong-password");

        final LoginResultDecoder answer = client.only().loginResult();
        assertThat(answer.code()).isEqualTo(ClientCode.TOO_MANY_ATTEMPTS);
        assertThat(answer.retryAfterMs()).isEqualTo(4_000);
        assertThat(roles.master.calls).isEmpty();
        assertThat(roles.sessions.size()).isZero();
        assertThat(client.connection.isAuthenticating()).as("the next attempt may start").isFalse();
    }

    @Test
    void shouldAnswerAnyOtherFailureAsInternalWithoutItsDetail()
    {
        roles.credentials.answer = CompletableFuture.failedFuture(new IllegalStateException("secret detail"));

        roles.logins.register(client.connection, 13, "ann", "ann-password");

        final LoginResultDecoder answer = client.only().loginResult();
        assertThat(answer.code()).isEqualTo(ClientCode.INTERNAL);
        answer.token();
        assertThat(answer.message()).doesNotContain("secret detail");
    }

    @Test
    void shouldRefuseWithoutCheckingCredentialsWhenDrainingOrFullOrLoggedInAlready()
    {
        final ClientInbox first = roles.loggedIn(1, "one");
        roles.loggedIn(2, "two");
        roles.loggedIn(3, "three");
        roles.credentials.calls.clear();

        roles.logins.login(first.connection, 14, "one", "again");
        assertThat(first.only().loginResult().code()).isEqualTo(ClientCode.ALREADY_LOGGED_IN);
        roles.logins.login(client.connection, 15, "four", "a-password");
        assertThat(client.only().loginResult().code()).as("3 sessions held, 3 at most").isEqualTo(ClientCode.GATEWAY_FULL);
        roles.gateway.drain();
        roles.logins.register(client.connection, 16, "five", "a-password");
        assertThat(client.only().loginResult().code()).isEqualTo(ClientCode.GATEWAY_DRAINING);
        assertThat(roles.credentials.calls).isEmpty();
    }

    @Test
    void shouldRefuseASecondAuthenticationOnAConnectionWhileTheFirstIsUnderWay()
    {
        final CompletableFuture<Account> pending = new CompletableFuture<>();
        roles.credentials.answer = pending;

        roles.logins.login(client.connection, 17, "ann", "ann-password");
        roles.logins.login(client.connection, 18, "ann", "ann-password");

        final LoginResultDecoder refused = client.only().loginResult();
        assertThat(refused.correlationId()).isEqualTo(18);
        assertThat(refused.code()).isEqualTo(ClientCode.LOGIN_IN_PROGRESS);
        pending.complete(new Account(42, "ann", null, 0, 0));
        final LoginResultDecoder answer = client.only().loginResult();
        assertThat(answer.correlationId()).isEqualTo(17);
        assertThat(answer.code()).isEqualTo(ClientCode.OK);
        assertThat(roles.credentials.calls).hasSize(1);
    }

    @Test
    void shouldMapTheMastersRefusalAndTheMastersSilence()
    {
        roles.credentials.answer = CompletableFuture.completedFuture(new Account(42, "ann", null, 0, 0));
        roles.master.checkIn = FakeMaster.refused(ResultCode.DIRECTORY_FULL);
        roles.logins.login(client.connection, 19, "ann", "ann-password");
        assertThat(client.only().loginResult().code()).isEqualTo(ClientCode.GATEWAY_FULL);

        roles.master.failure = new CompletionException(new TimeoutException("no answer"));
        roles.logins.login(client.connection, 20, "ann", "ann-password");
        assertThat(client.only().loginResult().code()).isEqualTo(ClientCode.TIMEOUT);
        assertThat(roles.sessions.size()).isZero();
    }

    @Test
    void shouldSeatAPlayerWhoComesBackBeforeTheAnswerAndAskForTheGameStateAfterIt()
    {
        roles.credentials.answer = CompletableFuture.completedFuture(new Account(42, "ann", null, 0, 0));
        roles.master.checkIn = FakeMaster.ok(0, 55);
        roles.master.instances.put(55L, new MasterRequests.InstanceView(55, 1, InstanceState.RUNNING, 9, 42, 2, 2,
            0, 0, 0));
        roles.hosts.host(9, "host-9:4000");

        roles.logins.login(client.connection, 21, "ann", "ann-password");

        assertThat(client.only().loginResult().instanceId()).isEqualTo(55);
        final Session session = roles.sessions.get(42);
        assertThat(session.instanceId()).isEqualTo(55);
        assertThat(session.hostEndpoint()).isEqualTo("host-9:4000");
        assertThat(roles.hosts.syncs).containsExactly("host-9:4000 55 42");
    }

    @Test
    void shouldKickTheOtherConnectionOfTheSameUser()
    {
        final ClientInbox before = roles.loggedIn(42, "ann");

        roles.credentials.answer = CompletableFuture.completedFuture(new Account(42, "ann", null, 0, 0));
        roles.logins.login(client.connection, 22, "ann", "ann-password");

        assertThat(before.only().kicked().cause()).isEqualTo(KickCause.LOGGED_IN_ELSEWHERE);
        assertThat(before.isOpen()).isFalse();
        assertThat(client.only().loginResult().code()).isEqualTo(ClientCode.OK);
        assertThat(roles.sessions.get(42).connection()).isSameAs(client.connection);
    }

    @Test
    void shouldEndTheSessionRevokeTheTokensAndCloseOnLogout()
    {
        final ClientInbox ann = roles.loggedIn(42, "ann");
        roles.master.calls.clear();

        roles.logins.logout(ann.connection, 23);

        assertThat(ann.only().result().code()).isEqualTo(ClientCode.OK);
        assertThat(ann.isOpen()).isFalse();
        assertThat(roles.store.accounts.get(42L).tokenGeneration()).as("raised").isEqualTo(1);
        assertThat(roles.master.calls).containsExactly("checkOut " + GATEWAY_ID + " 42");
        assertThat(roles.sessions.get(42)).isNull();
    }

    @Test
    void shouldSayWhenTheTokensCouldNotBeRevokedAtLogout()
    {
        final ClientInbox ann = roles.loggedIn(42, "ann");
        roles.store.failure = StoreError.UNAVAILABLE;

        roles.logins.logout(ann.connection, 24);

        assertThat(ann.only().result().code()).isEqualTo(ClientCode.STORE_UNAVAILABLE);
        assertThat(roles.sessions.get(42)).as("the session ended all the same").isNull();
    }

    @Test
    void shouldChangeThePasswordOfALoggedInUserOnlyAndIssueATokenOfTheNewGeneration() throws Exception
    {
        roles.logins.changePassword(client.connection, 25, "old-password", "new-password");
        assertThat(client.only().loginResult().code()).isEqualTo(ClientCode.NOT_LOGGED_IN);

        final ClientInbox ann = roles.loggedIn(42, "ann");
        roles.credentials.answer = CompletableFuture.completedFuture(new Account(42, "ann", null, 0, 1));
        roles.logins.changePassword(ann.connection, 26, "old-password", "new-password");

        assertThat(roles.credentials.calls).contains("changePassword 42 ann old-password new-password");
        final LoginResultDecoder answer = ann.only().loginResult();
        assertThat(answer.code()).isEqualTo(ClientCode.OK);
        assertThat(answer.resumed()).isEqualTo(ResumeKind.CONTINUED);
        assertThat(roles.tokens.verify(answer.token(), NOW_MS).generation()).isEqualTo(1);
    }
}
