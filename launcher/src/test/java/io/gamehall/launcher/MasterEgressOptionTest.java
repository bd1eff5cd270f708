package io.gamehall.launcher;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MasterEgressOptionTest
{
    private final MasterEgressOption option = new MasterEgressOption();

    @Test
    void shouldUseLoopbackWhenTheMastersAreOnThisMachine()
    {
        assertThat(option.resolve("0=127.0.0.1:9010,1=127.0.0.1:9110", "0.0.0.0")).isEqualTo("127.0.0.1");
    }

    @Test
    void shouldUseTheBindAddressWhenTheMastersAreElsewhere()
    {
        assertThat(option.resolve("0=10.0.0.1:9010", "10.0.0.7")).isEqualTo("10.0.0.7");
    }

    @Test
    void shouldRequireTheOptionWhenMastersElsewhereCouldNotReachAnyAddressWeKnow()
    {
        assertThatThrownBy(() -> option.resolve("0=10.0.0.1:9010", "0.0.0.0"))
            .hasMessageContaining("--master-egress-host");
        assertThatThrownBy(() -> option.resolve("0=10.0.0.1:9010", "127.0.0.1"))
            .hasMessageContaining("--master-egress-host");
        assertThatThrownBy(() -> option.resolve("0=10.0.0.1:9010", null))
            .hasMessageContaining("--master-egress-host");
    }

    @Test
    void shouldTakeTheGivenAddressButNotAWildcard()
    {
        option.host = "10.0.0.9";
        assertThat(option.resolve("0=10.0.0.1:9010", "0.0.0.0")).isEqualTo("10.0.0.9");
        option.host = "0.0.0.0";
        assertThatThrownBy(() -> option.resolve("0=10.0.0.1:9010", "10.0.0.7")).hasMessageContaining("one address");
    }
}
