package io.gamehall.perf.gateway;

import io.gamehall.perf.cluster.ChildJvmCommand;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark clients in a JVM of their own, so their threads, sockets and garbage stay out of
 * the server's process: the same class path and {@code --add-*} / {@code -D} flags as this JVM,
 * Serial GC, the given heap. Its output is read line by line (with a deadline on every read);
 * closing its input tells it to end, and {@link #close()} kills it if it does not.
 */
final class ClientJvm implements ClientLines
{
    private final Process process;
    private final LineQueue lines = new LineQueue();

    private ClientJvm(final Process process)
    {
        this.process = process;
        final Thread reader = new Thread(() ->
        {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8)))
            {
                String line;
                while ((line = out.readLine()) != null)
                {
                    lines.add(line);
                }
            }
            catch (final IOException ignore)
            {
                // the process ended
            }
            lines.end();
        }, "client-jvm-output");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Start {@code main} with {@code args}.
     */
    static ClientJvm start(final Class<?> main, final String heap, final String... args) throws IOException
    {
        final List<String> command = new ChildJvmCommand()
            .flags(List.of("-Xmx" + heap, "-XX:+UseSerialGC"))
            .inheritedFlags((argument) -> argument.startsWith("--add-") || argument.startsWith("-D") ||
                argument.startsWith("-Xlog"))
            .main(main, List.of(args));
        return new ClientJvm(new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    /**
     * @return the next line of its output, or null when it ended or nothing came before the deadline.
     */
    @Override
    public String nextLine(final long deadlineMs) throws InterruptedException
    {
        return lines.next(deadlineMs);
    }

    /**
     * Write one line to its input.
     */
    void send(final String line) throws IOException
    {
        process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().flush();
    }

    /**
     * Tell it to end (its input closes), wait a while, then kill it.
     */
    @Override
    public void close() throws InterruptedException
    {
        try
        {
            process.getOutputStream().close();
        }
        catch (final IOException ignore)
        {
            // it has ended already
        }
        if (!process.waitFor(20, TimeUnit.SECONDS))
        {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
