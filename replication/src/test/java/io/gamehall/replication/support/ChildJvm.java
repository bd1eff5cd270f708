package io.gamehall.replication.support;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A main class started in a JVM of its own for crash tests (so it can be SIGKILLed): the test's
 * class path, the build's JVM flags, a small heap; it must print a line starting with
 * {@code READY } when it is up.
 */
public final class ChildJvm
{
    /**
     * A started child.
     *
     * @param process the process (destroy it in the test's clean-up).
     * @param ready   the words of its READY line, "READY" first.
     */
    public record Started(Process process, String[] ready)
    {
    }

    private ChildJvm()
    {
    }

    /**
     * Start the child and wait for its READY line; its standard error goes to {@code logDir}.
     *
     * @throws AssertionError when it ends without saying READY.
     */
    public static Started start(final Class<?> main, final File logDir, final String... args) throws IOException
    {
        final String java = ProcessHandle.current().info().command().orElse("java");
        final List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:+UseSerialGC"));
        final String flags = System.getProperty("gamehall.jvm.flags", "").trim();
        if (!flags.isEmpty())
        {
            command.addAll(List.of(flags.split("\\s+")));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        final Process process = new ProcessBuilder(command)
            .redirectError(new File(logDir, main.getSimpleName() + ".err")).start();
        final BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
            StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null)
        {
            if (line.startsWith("READY "))
            {
                final Thread drainer = new Thread(() ->
                {
                    try
                    {
                        while (out.readLine() != null)
                        {
                            // keep the pipe empty
                        }
                    }
                    catch (final IOException ignore)
                    {
                        // the process was killed
                    }
                }, "child-output");
                drainer.setDaemon(true);
                drainer.start();
                return new Started(process, line.split(" "));
            }
        }
        throw new AssertionError(main.getSimpleName() + " did not start; see " + logDir);
    }
}
