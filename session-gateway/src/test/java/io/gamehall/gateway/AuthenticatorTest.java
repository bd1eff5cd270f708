package io.gamehall.gateway;

import io.gamehall.sbe.client.ClientCode;
import io.gamehall.store.Account;
import io.gamehall.store.PasswordHasher;
import io.gamehall.store.Store;
import io.gamehall.store.StoreConfig;
import io.gamehall.store.open.Stores;
import org.agrona.concurrent.CachedEpochClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Logins, registrations and password changes against a real store, with a hasher that counts
 * its work (iterations, not time) and a fake clock for the limits.
 */
class AuthenticatorTest
{
    private static final int ITERATIONS = 4_000;
    private static final String ADDRESS = "10.0.0.1";

    @TempDir
    File dir;

    private final CachedEpochClock clock = new CachedEpochClock();
    private final List<Integer> work = new CopyOnWriteArrayList<>();
    private final PasswordHasher hasher = new PasswordHasher(ITERATIONS, (password, salt, iterations, keyBytes) ->
    {
        work.add(iterations);
        return PasswordHasher.PBKDF2.derive(password, salt, iterations, keyBytes);
    });
    private Store store;
    private PasswordWork passwordWork;
    private Authenticator authenticator;

    @BeforeEach
    void start()
    {
        clock.update(1_000_000);
        store = Stores.open(new StoreConfig().chronicleDir(dir).workerThreads(1));
        passwordWork = new PasswordWork(1, 16, 16);
        authenticator = new Authenticator(store, hasher, passwordWork,
            new LoginBackoff(3, 1_000, 60_000, 3_600_000, 100, clock),
            new LoginBackoff(10, 1_000, 60_000, 3_600_000, 100, clock),
            new KeyedQuota(2, 3_600_000, 100, clock), 8, clock);
    }

    @AfterEach
    void stop()
    {
        passwordWork.close();
        store.close();
    }

    @Test
    void shouldHashAnUnknownNameWithTheConfiguredIterationsAsItHashesAWrongPassword() throws Exception
    {
        final Account old = oldAccount("olivia", "olivia-password");

        assertThat(refusal(authenticator.login(ADDRESS, "nobody-here", "a-guess-123"))).isEqualTo(ClientCode.WRONG_CREDENTIALS);
        assertThat(work).as("unknown name").containsExactly(ITERATIONS);
        work.clear();

        assertThat(refusal(authenticator.login(ADDRESS, "olivia", "a-guess-123"))).isEqualTo(ClientCode.WRONG_CREDENTIALS);
        assertThat(sum(work)).as("an account hashed with fewer iterations, wrong password").isEqualTo(ITERATIONS);
        assertThat(store.account(old.id()).get(5, TimeUnit.SECONDS).passwordHash().iterations())
            .as("no rehash on a failure").isEqualTo(PasswordHasher.MIN_ITERATIONS);
    }

    @Test
    void shouldRehashAnOldHashOnASuccessfulLoginAndKeepTheTokenGeneration() throws Exception
    {
        final Account old = oldAccount("oscar", "oscar-password");
        store.revokeTokens(old.id()).get(5, TimeUnit.SECONDS);

        final Account loggedIn = authenticator.login(ADDRESS, "Oscar", "oscar-password").get(5, TimeUnit.SECONDS);

        assertThat(loggedIn.id()).isEqualTo(old.id());
        assertThat(loggedIn.tokenGeneration()).isEqualTo(1);
        final Account stored = awaitIterations(old.id(), ITERATIONS);
        assertThat(stored.tokenGeneration()).isEqualTo(1);
        assertThat(hasher.verify("oscar-password".toCharArray(), stored.passwordHash())).isTrue();
        work.clear();
        authenticator.login(ADDRESS, "oscar", "oscar-password").get(5, TimeUnit.SECONDS);
        assertThat(work).as("rehashed: checked with the configured iterations, not hashed again").containsExactly(ITERATIONS);
    }

    @Test
    void shouldBackOffAnAccountAfterItsFreeFailuresWithoutHashingAndLetItInAfterTheWait() throws Exception
    {
        authenticator.register(ADDRESS, "peter", "peter-password").get(5, TimeUnit.SECONDS);
        for (int i = 0; i < 3; i++)
        {
            assertThat(refusal(authenticator.login("10.0.0." + (10 + i), "peter", "wrong-password"))).isEqualTo(
                ClientCode.WRONG_CREDENTIALS);
        }
        assertThat(refusal(authenticator.login("10.0.0.20", "PETER", "wrong-password")))
            .isEqualTo(ClientCode.WRONG_CREDENTIALS);
        work.clear();

        final LoginRefused waiting = refused(authenticator.login("10.0.0.21", "peter", "peter-password"));
        assertThat(waiting.code()).as("even the right password waits").isEqualTo(ClientCode.TOO_MANY_ATTEMPTS);
        assertThat(waiting.retryAfterMs()).isEqualTo(1_000);
        assertThat(work).as("nothing hashed while backing off").isEmpty();

        clock.advance(1_000);
        assertThat(authenticator.login("10.0.0.21", "peter", "peter-password").get(5, TimeUnit.SECONDS).name())
            .isEqualTo("peter");
        assertThat(refusal(authenticator.login(ADDRESS, "peter", "wrong-password")))
            .as("a success forgave the failures").isEqualTo(ClientCode.WRONG_CREDENTIALS);
    }

    @Test
    void shouldBackOffAnAddressThatFailsForManyNames()
    {
        for (int i = 0; i < 11; i++)
        {
            assertThat(refusal(authenticator.login(ADDRESS, "name-" + i, "wrong-password")))
                .isEqualTo(ClientCode.WRONG_CREDENTIALS);
        }
        assertThat(refused(authenticator.login(ADDRESS, "name-99", "wrong-password")).code())
            .isEqualTo(ClientCode.TOO_MANY_ATTEMPTS);
        assertThat(refusal(authenticator.login("10.0.0.2", "name-99", "wrong-password")))
            .as("another address").isEqualTo(ClientCode.WRONG_CREDENTIALS);
    }

    @Test
    void shouldLimitRegistrationsPerAddress() throws Exception
    {
        authenticator.register(ADDRESS, "quinn", "quinn-password").get(5, TimeUnit.SECONDS);
        assertThat(refusal(authenticator.register(ADDRESS, "quinn", "other-password"))).as("taken, but counted")
            .isEqualTo(ClientCode.NAME_TAKEN);
        final LoginRefused limited = refused(authenticator.register(ADDRESS, "rita", "rita-password"));
        assertThat(limited.code()).isEqualTo(ClientCode.TOO_MANY_REGISTRATIONS);
        assertThat(limited.retryAfterMs()).isEqualTo(1_800_000);
        assertThat(authenticator.register("10.0.0.2", "rita", "rita-password").get(5, TimeUnit.SECONDS).name())
            .isEqualTo("rita");
        assertThat(refusal(authenticator.register(ADDRESS, "x", "rita-password"))).as("checked before the quota")
            .isEqualTo(ClientCode.INVALID_NAME);
    }

    @Test
    void shouldChangeAPasswordOnlyWithTheOldOneAndRaiseTheTokenGeneration() throws Exception
    {
        final Account sam = authenticator.register(ADDRESS, "sam", "sam-password").get(5, TimeUnit.SECONDS);

        assertThat(refusal(authenticator.changePassword(ADDRESS, sam.id(), "sam", "not-it-at-all", "new-password")))
            .isEqualTo(ClientCode.WRONG_CREDENTIALS);
        assertThat(refusal(authenticator.changePassword(ADDRESS, sam.id(), "sam", "sam-password", "short")))
            .isEqualTo(ClientCode.INVALID_PASSWORD);
        final Account changed = authenticator.changePassword(ADDRESS, sam.id(), "sam", "sam-password", "new-password")
            .get(5, TimeUnit.SECONDS);

        assertThat(changed.tokenGeneration()).isEqualTo(sam.tokenGeneration() + 1);
        assertThat(authenticator.login(ADDRESS, "sam", "new-password").get(5, TimeUnit.SECONDS).id()).isEqualTo(sam.id());
        assertThat(refusal(authenticator.login(ADDRESS, "sam", "sam-password"))).isEqualTo(ClientCode.WRONG_CREDENTIALS);
    }

    private Account oldAccount(final String name, final String password) throws Exception
    {
        final PasswordHasher cheap = new PasswordHasher(PasswordHasher.MIN_ITERATIONS);
        return store.createAccount(name, cheap.hash(password.toCharArray())).get(5, TimeUnit.SECONDS);
    }

    private Account awaitIterations(final long accountId, final int iterations) throws Exception
    {
        final long deadline = System.currentTimeMillis() + 5_000;
        Account account = store.account(accountId).get(5, TimeUnit.SECONDS);
        while (account.passwordHash().iterations() != iterations && System.currentTimeMillis() < deadline)
        {
            Thread.sleep(10);
            account = store.account(accountId).get(5, TimeUnit.SECONDS);
        }
        assertThat(account.passwordHash().iterations()).isEqualTo(iterations);
        return account;
    }

    private static int sum(final List<Integer> values)
    {
        return values.stream().mapToInt(Integer::intValue).sum();
    }

    private static ClientCode refusal(final CompletableFuture<?> future)
    {
        return refused(future).code();
    }

    private static LoginRefused refused(final CompletableFuture<?> future)
    {
        final Throwable cause = future.handle((v, ex) -> ex == null ? null : StoreFailures.unwrap(ex))
            .orTimeout(10, TimeUnit.SECONDS).join();
        assertThat(cause).as("refused").isInstanceOf(LoginRefused.class);
        return (LoginRefused)cause;
    }
}
