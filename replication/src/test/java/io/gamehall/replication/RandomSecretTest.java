package io.gamehall.replication;

import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RandomSecretTest
{
    @Test
    void shouldWriteThirtyTwoRandomBytesAsUrlSafeBase64WithoutPadding()
    {
        final String secret = RandomSecret.generate();
        assertThat(secret).hasSize(43).matches("[A-Za-z0-9_-]+");
        assertThat(Base64.getUrlDecoder().decode(secret)).hasSize(RandomSecret.DEFAULT_BYTES);
    }

    @Test
    void shouldHoldAsManyBytesAsAskedFor()
    {
        assertThat(Base64.getUrlDecoder().decode(RandomSecret.generate(16))).hasSize(16);
        assertThat(Base64.getUrlDecoder().decode(RandomSecret.generate(1024))).hasSize(1024);
        assertThatThrownBy(() -> RandomSecret.generate(0)).isInstanceOf(IllegalArgumentException.class)
            .hasMessage("a secret needs at least 1 random byte: 0");
    }

    @Test
    void shouldNeverRepeatASecret()
    {
        final Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1_000; i++)
        {
            assertThat(seen.add(RandomSecret.generate())).isTrue();
        }
    }
}
