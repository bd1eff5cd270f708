package io.gamehall.gateway;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SessionTableTest
{
    @Test
    void shouldFindAddAndRemoveSessionsByUserId()
    {
        final SessionTable table = new SessionTable();
        for (long userId = 1_000_000; userId < 1_000_500; userId++)
        {
            final long id = userId;
            assertThat(table.computeIfAbsent(id, u -> new Session(u, "user" + u, 4)).userId).isEqualTo(id);
        }

        assertThat(table.size()).isEqualTo(500);
        assertThat(table.get(1_000_123).name).isEqualTo("user1000123");
        assertThat(table.get(7)).isNull();
        assertThat(table.snapshot()).hasSize(500);

        final Session same = table.computeIfAbsent(1_000_123, u -> new Session(u, "other", 4));
        assertThat(same.name).isEqualTo("user1000123");
        assertThat(table.remove(1_000_123, new Session(1_000_123, "user1000123", 4))).isFalse();
        assertThat(table.remove(1_000_123, same)).isTrue();
        assertThat(table.get(1_000_123)).isNull();
        assertThat(table.remove(1_000_124).userId).isEqualTo(1_000_124);
        assertThat(table.size()).isEqualTo(498);

        table.clear();
        assertThat(table.isEmpty()).isTrue();
    }
}
