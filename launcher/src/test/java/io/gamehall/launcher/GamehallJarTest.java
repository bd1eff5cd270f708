package io.gamehall.launcher;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The product jar ({@code target/gamehall.jar}, what {@code bin/gamehall} runs) holds the
 * command line and the perf kit, and none of the benchmarks: no JMH, no JMH-generated classes,
 * no benchmark classes of {@code perf/}. Runs after {@code package} (Maven's
 * {@code integration-test} phase), since it reads the jar that phase made.
 */
class GamehallJarTest
{
    @Test
    void holdsTheCommandLineAndThePerfKitButNoBenchmark() throws IOException
    {
        final File jar = new File("target", "gamehall.jar");
        assertThat(jar).as("made by 'mvn package'").isFile();
        final List<String> names = new ArrayList<>();
        try (JarFile file = new JarFile(jar))
        {
            for (final JarEntry entry : java.util.Collections.list(file.entries()))
            {
                names.add(entry.getName());
            }
        }

        assertThat(names).as("the command line and the perf kit are in")
            .contains("io/gamehall/launcher/Gamehall.class", "io/gamehall/perf/report/ReportWriter.class",
                "io/gamehall/perf/cluster/ClusterLatencyHarness.class");
        assertThat(names).as("the web pages the gateway serves are in")
            .contains("io/gamehall/web/site/index.html", "io/gamehall/web/site/app.js", "io/gamehall/web/site/app.css");
        assertThat(names).as("no browser automation (tests only)").noneMatch(name -> name.startsWith("org/openqa/"));
        assertThat(names).as("no JMH").noneMatch(name -> name.startsWith("org/openjdk/jmh/"));
        assertThat(names).as("no JMH-generated class").noneMatch(name -> name.contains("jmh_generated"));
        assertThat(names).as("no benchmark of perf/").noneMatch(name -> name.startsWith("io/gamehall/perf/") &&
            name.endsWith(".class") && !name.startsWith("io/gamehall/perf/report/") &&
            !name.startsWith("io/gamehall/perf/cluster/"));
    }
}
