package io.gamehall.store;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PasswordHasherTest
{
    private final PasswordHasher hasher = new PasswordHasher(PasswordHasher.MIN_ITERATIONS);

    @Test
    void shouldVerifyTheRightPasswordOnly()
    {
        final PasswordHash hash = hasher.hash("s3cret pass".toCharArray());

        assertThat(hasher.verify("s3cret pass".toCharArray(), hash)).isTrue();
        assertThat(hasher.verify("s3cret pasS".toCharArray(), hash)).isFalse();
        assertThat(hasher.verify("".toCharArray(), hash)).isFalse();
    }

    @Test
    void shouldSaltEveryHash()
    {
        final PasswordHash a = hasher.hash("same".toCharArray());
        final PasswordHash b = hasher.hash("same".toCharArray());

        assertThat(a.salt()).isNotEqualTo(b.salt());
        assertThat(a.hash()).isNotEqualTo(b.hash());
        assertThat(a.sameAs(b)).isFalse();
        assertThat(a.salt()).hasSize(PasswordHasher.SALT_BYTES);
        assertThat(a.hash()).hasSize(PasswordHasher.HASH_BYTES);
    }

    @Test
    void shouldVerifyWithTheIterationsAHashWasMadeWith()
    {
        final PasswordHash old = hasher.hash("pw".toCharArray());
        final PasswordHasher stronger = new PasswordHasher(PasswordHasher.MIN_ITERATIONS * 2);

        assertThat(stronger.verify("pw".toCharArray(), old)).isTrue();
        assertThat(stronger.needsRehash(old)).isTrue();
        assertThat(stronger.needsRehash(stronger.hash("pw".toCharArray()))).isFalse();
    }

    @Test
    void shouldSpendTheConfiguredIterationsOnEveryFailureWhateverItWasCheckedAgainst()
    {
        final List<Integer> work = new ArrayList<>();
        final PasswordHasher counting = new PasswordHasher(5_000, (password, salt, iterations, keyBytes) ->
        {
            work.add(iterations);
            return PasswordHasher.PBKDF2.derive(password, salt, iterations, keyBytes);
        });
        final PasswordHash old = hasher.hash("the-password".toCharArray()); // 1,000 iterations

        assertThat(counting.verifyAgainstDecoy("a-guess".toCharArray())).isFalse();
        assertThat(work).as("an unknown name").containsExactly(5_000);
        work.clear();

        assertThat(counting.verifyAtConfiguredCost("a-guess".toCharArray(), old)).isFalse();
        assertThat(work.stream().mapToInt(Integer::intValue).sum()).as("a wrong password for an old hash")
            .isEqualTo(5_000);
        work.clear();

        assertThat(counting.verifyAtConfiguredCost(new char[PasswordHasher.MAX_PASSWORD_CHARS + 1], old)).isFalse();
        assertThat(work).as("a password too long to check").containsExactly(5_000);
        work.clear();

        assertThat(counting.verifyAtConfiguredCost("the-password".toCharArray(), old)).isTrue();
        assertThat(work).as("a success costs the stored iterations").containsExactly(1_000);
        assertThat(counting.needsRehash(old)).isTrue();
        assertThat(counting.needsRehash(new PasswordHasher(9_000).hash("x".toCharArray()))).as("more than configured")
            .isTrue();
    }

    @Test
    void shouldAnswerFalseForTheDecoy()
    {
        assertThat(hasher.verifyAgainstDecoy("anything".toCharArray())).isFalse();
        assertThat(hasher.verifyAgainstDecoy(new char[0])).isFalse();
    }

    @Test
    void shouldRefuseEmptyAndHugePasswordsAndBadIterationCounts()
    {
        assertThatThrownBy(() -> hasher.hash(new char[0])).isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> hasher.hash(new char[PasswordHasher.MAX_PASSWORD_CHARS + 1]))
            .isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> new PasswordHasher(10)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new PasswordHasher().iterations()).isEqualTo(600_000);
    }

    @Test
    void shouldNeverPrintSaltOrKey()
    {
        assertThat(hasher.hash("pw".toCharArray()).toString()).doesNotContain("salt=").contains("iterations=1000");
    }
}
