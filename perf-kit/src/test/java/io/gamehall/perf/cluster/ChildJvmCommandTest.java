package io.gamehall.perf.cluster;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ChildJvmCommandTest
{
    @Test
    void shouldPutTheFlagsInTheCallersOrderBeforeTheClassPathMainAndArguments()
    {
        final List<String> command = new ChildJvmCommand()
            .flags(List.of("-Xmx64m", "-XX:+UseSerialGC"))
            .inheritedFlags((flag) -> flag.startsWith("--add-exports"))
            .flags(List.of("-Dlast=1"))
            .main(NodeProcess.class, List.of("a", "b"));

        final List<String> inherited = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
            .filter((flag) -> flag.startsWith("--add-exports")).toList();
        assertThat(inherited).as("surefire's argLine carries the Aeron flags").isNotEmpty();
        assertThat(command.get(0)).endsWith("java");
        assertThat(command.subList(1, 3)).containsExactly("-Xmx64m", "-XX:+UseSerialGC");
        assertThat(command.subList(3, 3 + inherited.size())).isEqualTo(inherited);
        assertThat(command.subList(3 + inherited.size(), command.size())).containsExactly("-Dlast=1", "-cp",
            System.getProperty("java.class.path"), NodeProcess.class.getName(), "a", "b");
    }
}
