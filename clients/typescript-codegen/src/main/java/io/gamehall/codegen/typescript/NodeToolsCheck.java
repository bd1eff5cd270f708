package io.gamehall.codegen.typescript;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The build's check that the machine has what the TypeScript client needs: {@code node}
 * (version 18 or later: its test runner) and {@code npm} on the path. When one is missing the
 * build fails saying what to install, rather than skipping the client.
 */
public final class NodeToolsCheck
{
    /** The oldest Node.js the client's build and tests run on. */
    public static final int MIN_NODE_MAJOR = 18;

    static final String INSTALL_HINT = "install Node.js and npm from the system's packages " +
        "(Debian/Ubuntu: apt-get install nodejs npm; .ci/run does it)";

    private NodeToolsCheck()
    {
    }

    public static void main(final String[] args)
    {
        final String node = version("node");
        check(node, version("npm"));
    }

    /**
     * @param nodeVersion what {@code node --version} printed, null when it could not run.
     * @param npmVersion  what {@code npm --version} printed, null when it could not run.
     * @throws IllegalStateException saying what to install when a tool is missing or too old.
     */
    static void check(final String nodeVersion, final String npmVersion)
    {
        if (nodeVersion == null)
        {
            throw new IllegalStateException("Node.js ('node') was not found on the path; the TypeScript client " +
                "(clients/typescript) is built and tested with it: " + INSTALL_HINT);
        }
        if (npmVersion == null)
        {
            throw new IllegalStateException("npm was not found on the path; the TypeScript client " +
                "(clients/typescript) is built and tested with it: " + INSTALL_HINT);
        }
        final int major = major(nodeVersion);
        if (major < MIN_NODE_MAJOR)
        {
            throw new IllegalStateException("Node.js " + nodeVersion.strip() + " is too old for the TypeScript " +
                "client (clients/typescript needs " + MIN_NODE_MAJOR + " or later): " + INSTALL_HINT);
        }
    }

    /**
     * @return the major version in {@code v20.11.1}, -1 when there is none.
     */
    static int major(final String version)
    {
        final String digits = version.strip().replaceFirst("^v", "");
        final int dot = digits.indexOf('.');
        try
        {
            return Integer.parseInt(dot < 0 ? digits : digits.substring(0, dot));
        }
        catch (final NumberFormatException ex)
        {
            return -1;
        }
    }

    private static String version(final String tool)
    {
        final boolean windows = System.getProperty("os.name", "").toLowerCase().startsWith("windows");
        final ProcessBuilder builder = windows ?
            new ProcessBuilder("cmd", "/c", tool, "--version") : new ProcessBuilder(tool, "--version");
        builder.redirectErrorStream(true);
        try
        {
            final Process process = builder.start();
            final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS))
            {
                process.destroyForcibly();
                return null;
            }
            return process.exitValue() == 0 ? output.strip() : null;
        }
        catch (final IOException ex)
        {
            return null;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
