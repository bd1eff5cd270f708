package io.gamehall.gateway;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectionLimitTest
{
    @Test
    void shouldCapConnectionsPerAddressAndInAll()
    {
        final ConnectionLimit limit = new ConnectionLimit(5, 3);
        for (int i = 0; i < 3; i++)
        {
            assertThat(limit.tryOpen("10.0.0.1")).isTrue();
        }
        assertThat(limit.tryOpen("10.0.0.1")).as("a 4th from one address").isFalse();
        assertThat(limit.tryOpen("10.0.0.2")).isTrue();
        assertThat(limit.tryOpen("10.0.0.3")).isTrue();
        assertThat(limit.tryOpen("10.0.0.4")).as("a 6th in all").isFalse();
        assertThat(limit.open()).isEqualTo(5);

        limit.closed("10.0.0.1");
        assertThat(limit.openFrom("10.0.0.1")).isEqualTo(2);
        assertThat(limit.tryOpen("10.0.0.4")).isTrue();
        assertThat(limit.tryOpen("10.0.0.1")).as("over in all again").isFalse();
        limit.closed("10.0.0.4");
        assertThat(limit.tryOpen("10.0.0.1")).isTrue();
        assertThat(limit.openFrom("10.0.0.4")).isZero();
    }

    @Test
    void shouldCountIpv6ByTheirSlash64()
    throws Exception
    {
        assertThat(AddressKey.of(InetAddress.getByName("2001:db8:1:2:aaaa::1")))
            .isEqualTo(AddressKey.of(InetAddress.getByName("2001:db8:1:2:bbbb::9")));
        assertThat(AddressKey.of(InetAddress.getByName("2001:db8:1:2::1")))
            .isNotEqualTo(AddressKey.of(InetAddress.getByName("2001:db8:1:3::1")));
        assertThat(AddressKey.of(InetAddress.getByName("127.0.0.2"))).isEqualTo("127.0.0.2");
    }
}
