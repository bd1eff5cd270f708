package io.gamehall.launcher;

import io.gamehall.perf.cluster.ClusterLatencyHarness;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code gamehall} command: one executable with a subcommand per kind of process or tool.
 */
@Command(
    name = "gamehall",
    mixinStandardHelpOptions = true,
    versionProvider = Gamehall.Version.class,
    description = "Backend for instance-based online games: replicated master, gateways, game hosts.",
    subcommands = {LocalCommand.class, MasterCommand.class, GatewayCommand.class, HostCommand.class, AdminCommand.class,
        SecretCommand.class, io.gamehall.replay.ReplayCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class Gamehall implements Runnable
{
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public void run()
    {
        spec.commandLine().usage(System.out);
    }

    /**
     * @param args command line.
     */
    public static void main(final String[] args)
    {
        System.exit(execute(args));
    }

    /**
     * Run a command line; {@code --config FILE} supplies defaults for the options of the
     * subcommand it is given to.
     *
     * @param args command line.
     * @return exit code.
     */
    public static int execute(final String... args)
    {
        final CommandLine commandLine = commandLine();
        final String config = configFile(args);
        if (config != null && args.length > 0 && commandLine.getSubcommands().containsKey(args[0]))
        {
            try
            {
                commandLine.getSubcommands().get(args[0])
                    .setDefaultValueProvider(new MasterCommand.ConfigDefaults(new java.io.File(config)));
            }
            catch (final java.io.IOException ex)
            {
                commandLine.getErr().println("error: cannot read config file " + config + ": " + ex.getMessage());
                return 2;
            }
        }
        return commandLine.execute(args);
    }

    private static String configFile(final String[] args)
    {
        for (int i = 0; i < args.length; i++)
        {
            if (args[i].equals("--config") && i + 1 < args.length)
            {
                return args[i + 1];
            }
            if (args[i].startsWith("--config="))
            {
                return args[i].substring("--config=".length());
            }
        }
        return null;
    }

    /**
     * @return the command line, for tests and embedding.
     */
    public static CommandLine commandLine()
    {
        return commandLine(System::getenv);
    }

    /**
     * @param environment the environment variables commands read (their secrets).
     * @return the command line, for tests and embedding.
     */
    static CommandLine commandLine(final java.util.function.Function<String, String> environment)
    {
        final CommandLine.IFactory defaults = CommandLine.defaultFactory();
        final CommandLine commandLine = new CommandLine(new Gamehall(), new CommandLine.IFactory()
        {
            public <K> K create(final Class<K> type) throws Exception
            {
                final K made = defaults.create(type);
                if (made instanceof ReadsEnvironment reader)
                {
                    reader.environment(environment);
                }
                return made;
            }
        });
        // the cluster latency harness lives in perf under a name of its own: here it is "bench master"
        final CommandLine master = new CommandLine(new ClusterLatencyHarness());
        master.getCommandSpec().name("master");
        commandLine.getSubcommands().get("bench").addSubcommand("master", master);
        return commandLine
            .setCaseInsensitiveEnumValuesAllowed(true)
            .setExecutionExceptionHandler((ex, cl, parseResult) ->
            {
                cl.getErr().println(cl.getColorScheme().errorText("error: " + ex.getMessage()));
                return 1;
            });
    }

    /** Version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider
    {
        public String[] getVersion()
        {
            final String version = Gamehall.class.getPackage().getImplementationVersion();
            return new String[]{"gamehall " + (version == null ? "development build" : version)};
        }
    }
}
