package io.gamehall.codegen.typescript;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NodeToolsCheckTest
{
    @Test
    void shouldSayWhatToInstallWhenNodeIsMissing()
    {
        assertThatThrownBy(() -> NodeToolsCheck.check(null, "10.5.0"))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("Node.js ('node') was not found")
            .hasMessageContaining("apt-get install nodejs npm");
    }

    @Test
    void shouldSayWhatToInstallWhenNpmIsMissing()
    {
        assertThatThrownBy(() -> NodeToolsCheck.check("v20.11.1", null))
            .hasMessageContaining("npm was not found")
            .hasMessageContaining("apt-get install nodejs npm");
    }

    @Test
    void shouldRefuseANodeTooOldForItsTestRunner()
    {
        assertThatThrownBy(() -> NodeToolsCheck.check("v16.20.2", "8.19.4"))
            .hasMessageContaining("Node.js v16.20.2 is too old")
            .hasMessageContaining("18 or later");
        assertThatCode(() -> NodeToolsCheck.check("v20.11.1", "10.2.4")).doesNotThrowAnyException();
        assertThatCode(() -> NodeToolsCheck.check("v18.19.0", "9.2.0")).doesNotThrowAnyException();
    }

    @Test
    void shouldReadTheMajorVersion()
    {
        assertThat(NodeToolsCheck.major("v20.11.1\n")).isEqualTo(20);
        assertThat(NodeToolsCheck.major("22")).isEqualTo(22);
        assertThat(NodeToolsCheck.major("not a version")).isEqualTo(-1);
    }
}
