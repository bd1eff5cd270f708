package io.gamehall.store;

import org.junit.jupiter.api.Test;

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
