package io.gamehall.gateway;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenServiceTest
{
    private static final String OLD_SECRET = "the-old-token-secret-0123456789";
    private static final String NEW_SECRET = "the-new-token-secret-9876543210";
    private static final long DAY = TimeUnit.DAYS.toMillis(1);
    private static final long NOW = 1_800_000_000_000L;

    private final TokenService tokens = new TokenService(NEW_SECRET, OLD_SECRET, DAY, 7 * DAY);

    @Test
    void shouldCarryTheKeyIdGenerationAndLoginTime() throws Exception
    {
        final String token = tokens.issue(42, "alice", 3, NOW - 1_000, NOW);

        final TokenService.Claims claims = tokens.verify(token, NOW);

        assertThat(claims).isEqualTo(new TokenService.Claims(TokenService.keyIdOf(NEW_SECRET), 42, "alice", 3,
            NOW - 1_000, NOW + DAY));
        assertThat(token).startsWith(TokenService.keyIdOf(NEW_SECRET) + ".");
        assertThat(token).doesNotContain(NEW_SECRET);
    }

    @Test
    void shouldNeverRenewPastTheMaximumAge() throws Exception
    {
        final long loggedIn = NOW - 6 * DAY - DAY / 2;
        final String renewed = tokens.issue(42, "alice", 0, loggedIn, NOW);
        assertThat(tokens.verify(renewed, NOW).expiresAtMs()).as("capped at the maximum age").isEqualTo(loggedIn + 7 * DAY);

        // a token still within its lifetime, but of a session older than the maximum age
        final String stale = tokens.sign(new TokenService.Claims("", 42, "alice", 0, NOW - 7 * DAY - 1, NOW + DAY));
        assertThatThrownBy(() -> tokens.verify(stale, NOW)).isInstanceOfSatisfying(TokenService.Refused.class,
            r -> assertThat(r.problem()).isEqualTo(TokenService.Problem.EXPIRED));
        assertThatThrownBy(() -> tokens.verify(renewed, loggedIn + 7 * DAY)).isInstanceOfSatisfying(
            TokenService.Refused.class, r -> assertThat(r.problem()).isEqualTo(TokenService.Problem.EXPIRED));
    }

    @Test
    void shouldVerifyTokensOfThePreviousKeyAndRefuseUnknownKeys() throws Exception
    {
        final TokenService before = new TokenService(OLD_SECRET, null, DAY, 7 * DAY);
        final String old = before.issue(42, "alice", 1, NOW, NOW);
        assertThat(tokens.verify(old, NOW).keyId()).isEqualTo(TokenService.keyIdOf(OLD_SECRET));
        assertThat(tokens.verify(tokens.issue(42, "alice", 1, NOW, NOW), NOW).keyId())
            .isEqualTo(TokenService.keyIdOf(NEW_SECRET));

        final TokenService rotatedAgain = new TokenService("a-third-token-secret-0123456789", NEW_SECRET, DAY, 7 * DAY);
        assertInvalid(rotatedAgain, old, "a key this gateway does not have");
        assertInvalid(before, tokens.issue(42, "alice", 1, NOW, NOW), "a key this gateway does not have");

        // the right key id in front of a body signed with another key
        final String[] parts = old.split("\\.");
        assertInvalid(tokens, TokenService.keyIdOf(NEW_SECRET) + "." + parts[1] + "." + parts[2], "signature");
    }

    @Test
    void shouldRefuseDamagedForgedAndOldFormatTokens()
    {
        final String good = tokens.issue(42, "alice", 1, NOW, NOW);
        final String[] parts = good.split("\\.");
        final String otherBody = Base64.getUrlEncoder().withoutPadding().encodeToString(
            "1:root:1:1800000000000:1900000000000".getBytes(StandardCharsets.UTF_8));
        assertInvalid(tokens, parts[0] + "." + otherBody + "." + parts[2], "signature");
        assertInvalid(tokens, good.substring(0, good.length() - 2), "");
        assertInvalid(tokens, parts[1] + "." + parts[2], "");
        assertInvalid(tokens, "garbage", "");
        assertInvalid(tokens, "", "");
        assertInvalid(tokens, null, "");
        assertInvalid(tokens, "x".repeat(600), "");
    }

    @Test
    void shouldRefuseAPreviousSecretEqualToTheCurrentOne()
    {
        assertThatThrownBy(() -> new TokenService(NEW_SECRET, NEW_SECRET, DAY, DAY))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TokenService(NEW_SECRET, null, DAY, DAY - 1))
            .isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertInvalid(final TokenService service, final String token, final String why)
    {
        assertThatThrownBy(() -> service.verify(token, NOW)).isInstanceOfSatisfying(TokenService.Refused.class, r ->
        {
            assertThat(r.problem()).isEqualTo(TokenService.Problem.INVALID);
            assertThat(r.getMessage()).contains(why);
        });
    }
}
