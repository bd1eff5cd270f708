package io.gamehall.replay;

import io.gamehall.master.EngineConfig;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The master engine's limits and timeouts as command-line options, with {@code gamehall
 * master}'s defaults: one definition for the node that runs with them ({@code gamehall master})
 * and the tool that must replay its log with the same ({@code gamehall replay import-archive}).
 */
public final class EngineOptions
{
    @Option(names = "--max-users", defaultValue = "1048576",
        description = "Engine: users checked in at once (default ${DEFAULT-VALUE}).")
    int maxUsers;

    @Option(names = "--max-instances", defaultValue = "262144",
        description = "Engine: instances at once (default ${DEFAULT-VALUE}).")
    int maxInstances;

    @Option(names = "--max-servers", defaultValue = "4096",
        description = "Engine: servers held, dead ones included (default ${DEFAULT-VALUE}).")
    int maxServers;

    @Option(names = "--max-players", defaultValue = "64",
        description = "Engine: largest maxPlayers of an instance (default ${DEFAULT-VALUE}).")
    int maxPlayers;

    @Option(names = "--server-timeout-ms", defaultValue = "5000",
        description = "Engine: a gateway or host silent this long is declared dead (default ${DEFAULT-VALUE}).")
    long serverTimeoutMs;

    @Option(names = "--dedup-window", defaultValue = "256",
        description = "Engine: outcomes remembered per client for exactly-once retries, power of two " +
            "(default ${DEFAULT-VALUE}).")
    int dedupWindow;

    @Option(names = "--max-clients", defaultValue = "1024",
        description = "Engine: clients remembered for exactly-once (default ${DEFAULT-VALUE}).")
    int maxClients;

    /**
     * @return {@code gamehall master}'s engine configuration when no option is given.
     */
    public static EngineConfig defaults()
    {
        return CommandLine.populateCommand(new EngineOptions()).toConfig();
    }

    /**
     * @return a configuration of every option's value, given or default.
     */
    public EngineConfig toConfig()
    {
        return new EngineConfig()
            .maxUsers(maxUsers)
            .maxInstances(maxInstances)
            .maxServers(maxServers)
            .maxPlayersPerInstance(maxPlayers)
            .serverTimeoutMs(serverTimeoutMs)
            .dedupWindow(dedupWindow)
            .maxClients(maxClients);
    }

    /**
     * Set in {@code base} the values of the options given on the command line, leave the rest.
     *
     * @return the options given, space-separated (empty when none).
     */
    public String applyGiven(final EngineConfig base, final CommandLine.ParseResult given)
    {
        final StringBuilder names = new StringBuilder();
        if (given(given, "--max-users", names))
        {
            base.maxUsers(maxUsers);
        }
        if (given(given, "--max-instances", names))
        {
            base.maxInstances(maxInstances);
        }
        if (given(given, "--max-servers", names))
        {
            base.maxServers(maxServers);
        }
        if (given(given, "--max-players", names))
        {
            base.maxPlayersPerInstance(maxPlayers);
        }
        if (given(given, "--server-timeout-ms", names))
        {
            base.serverTimeoutMs(serverTimeoutMs);
        }
        if (given(given, "--dedup-window", names))
        {
            base.dedupWindow(dedupWindow);
        }
        if (given(given, "--max-clients", names))
        {
            base.maxClients(maxClients);
        }
        return names.toString().trim();
    }

    private static boolean given(final CommandLine.ParseResult parsed, final String name, final StringBuilder names)
    {
        if (parsed.hasMatchedOption(name))
        {
            names.append(' ').append(name);
            return true;
        }
        return false;
    }
}
