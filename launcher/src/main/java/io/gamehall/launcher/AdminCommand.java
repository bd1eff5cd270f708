package io.gamehall.launcher;

import io.gamehall.launcher.AdminOutput.Column;
import io.gamehall.launcher.AdminSession.AdminException;
import io.gamehall.sbe.master.ResultCode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

/**
 * {@code gamehall admin}: look at the master's directories and drain or remove servers, as a
 * cluster client with the ADMIN role. Exit codes: 0 done, 1 failed (master unreachable, secret
 * refused, unknown server, command refused), 2 bad usage.
 */
@Command(
    name = "admin",
    header = "Operate the master: list servers, users and instances, drain or deregister a server.",
    mixinStandardHelpOptions = true,
    description = {
        "Operate the master as an ADMIN client: list servers, users and instances, drain or deregister a server. " +
            "Every subcommand takes --masters, the admin secret (--admin-secret-file FILE or GAMEHALL_ADMIN_SECRET; " +
            "--dev for the development one against a master on loopback) and --timeout-ms (see 'gamehall admin " +
            "servers --help').",
        "",
        "Exit codes: 0 done, 1 failed (master unreachable, secret refused, unknown server, command refused), " +
            "2 bad usage."},
    subcommands = {
        AdminCommand.Servers.class,
        AdminCommand.Users.class,
        AdminCommand.Instances.class,
        AdminCommand.Drain.class,
        AdminCommand.Deregister.class})
public final class AdminCommand implements Callable<Integer>
{
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public Integer call()
    {
        final PrintWriter err = spec.commandLine().getErr();
        err.println("error: name a subcommand");
        spec.commandLine().usage(err);
        return CommandLine.ExitCode.USAGE;
    }

    /** The options every admin subcommand takes: where the master is and how to get in. */
    static final class Connection
    {
        private static final Pattern ENDPOINTS = Pattern.compile("\\d+=[^,=\\s]+:\\d+(,\\d+=[^,=\\s]+:\\d+)*");

        @Option(names = "--masters", defaultValue = "0=127.0.0.1:9010",
            description = "The masters' ingress endpoints, id=host:port,... (default ${DEFAULT-VALUE}).")
        String masters;

        @picocli.CommandLine.Mixin
        MasterEgressOption masterEgress = new MasterEgressOption();

        @Option(names = "--dev", description = "Development: the public development admin secret unless one is " +
            "configured, against a master on loopback only (e.g. 'gamehall local').")
        boolean dev;

        @Option(names = "--timeout-ms", defaultValue = "5000",
            description = "How long to wait for the master to accept the connection, and for each answer " +
                "(default ${DEFAULT-VALUE}).")
        long timeoutMs;
    }

    /**
     * What every admin subcommand does around its own work: check the options, connect, turn
     * failures into a message and an exit code.
     */
    abstract static class AdminSubcommand implements Callable<Integer>, ReadsEnvironment
    {
        @Mixin
        Connection connection;

        @Mixin
        SecretOptions.Admin adminSecret;

        private java.util.function.Function<String, String> environment = System::getenv;

        @Override
        public void environment(final java.util.function.Function<String, String> environment)
        {
            this.environment = environment;
        }

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        public Integer call()
        {
            if (!Connection.ENDPOINTS.matcher(connection.masters).matches())
            {
                throw new CommandLine.ParameterException(spec.commandLine(),
                    "--masters wants id=host:port[,id=host:port...], e.g. 0=127.0.0.1:9010; got: " + connection.masters);
            }
            if (connection.timeoutMs < 1)
            {
                throw new CommandLine.ParameterException(spec.commandLine(), "--timeout-ms must be positive");
            }
            final String secret;
            final String egressHost;
            try
            {
                secret = adminSecret.resolve(new SecretResolver(environment, err(), connection.dev), true);
                if (connection.dev)
                {
                    Loopback.requireLoopback("--masters", connection.masters);
                }
                else
                {
                    Loopback.warnIfAeronLeavesTheMachine("--masters", connection.masters, err());
                }
                egressHost = connection.masterEgress.resolve(connection.masters, null);
            }
            catch (final IllegalArgumentException ex)
            {
                err().println("error: " + ex.getMessage());
                return CommandLine.ExitCode.USAGE;
            }
            try (AdminSession session = AdminSession.open(connection.masters, egressHost, secret, connection.timeoutMs))
            {
                return run(session);
            }
            catch (final AdminException ex)
            {
                err().println("error: " + ex.getMessage());
                return CommandLine.ExitCode.SOFTWARE;
            }
        }

        abstract int run(AdminSession session);

        PrintWriter out()
        {
            return spec.commandLine().getOut();
        }

        PrintWriter err()
        {
            return spec.commandLine().getErr();
        }
    }

    /** A listing: all pages, as a table or as JSON lines. */
    abstract static class Listing extends AdminSubcommand
    {
        @Option(names = "--json", description = "One JSON object per line instead of a table.")
        boolean json;

        int print(final List<Map<String, Object>> rows, final List<Column> columns, final String noun)
        {
            if (json)
            {
                AdminOutput.jsonLines(out(), rows);
            }
            else
            {
                AdminOutput.table(out(), columns, rows, noun);
            }
            return CommandLine.ExitCode.OK;
        }
    }

    /** {@code gamehall admin servers}. */
    @Command(name = "servers", mixinStandardHelpOptions = true,
        description = "List every server (gateways and game hosts, DEAD ones included) in id order.")
    static final class Servers extends Listing
    {
        int run(final AdminSession session)
        {
            return print(session.servers(), List.of(
                Column.of("ID", "serverId"),
                Column.of("NAME", "name"),
                Column.of("ROLE", "role"),
                Column.of("STATE", "state"),
                new Column("LOAD/CAPACITY", row -> row.get("load") + "/" + row.get("capacity")),
                Column.of("ASSIGNED", "assigned"),
                Column.of("ENDPOINT", "endpoint"),
                Column.time("LAST HEARTBEAT", "lastHeartbeatTime")), "server");
        }
    }

    /** {@code gamehall admin users}. */
    @Command(name = "users", mixinStandardHelpOptions = true,
        description = "List every checked-in user in id order (GATEWAY 0: detached, waiting to resume a game).")
    static final class Users extends Listing
    {
        int run(final AdminSession session)
        {
            return print(session.users(), List.of(
                Column.of("ID", "userId"),
                Column.of("NAME", "name"),
                Column.of("STATE", "state"),
                Column.of("GATEWAY", "gatewayId"),
                Column.of("INSTANCE", "instanceId"),
                Column.time("CHECKED IN", "checkInTime")), "user");
        }
    }

    /** {@code gamehall admin instances}. */
    @Command(name = "instances", mixinStandardHelpOptions = true,
        description = "List every live instance in id order (HOST 0: suspended, waiting for a host).")
    static final class Instances extends Listing
    {
        int run(final AdminSession session)
        {
            return print(session.instances(), List.of(
                Column.of("ID", "instanceId"),
                Column.of("GAME", "gameType"),
                Column.of("STATE", "state"),
                Column.of("HOST", "hostId"),
                Column.of("OWNER", "ownerId"),
                new Column("PLAYERS", row -> row.get("playerCount") + "/" + row.get("maxPlayers")),
                Column.of("REGION", "region"),
                Column.of("MODE", "mode"),
                Column.of("RATING", "ratingBand"),
                Column.time("CREATED", "createdTime")), "instance");
        }
    }

    /** A command on one server, named by id or name. */
    abstract static class ServerCommand extends AdminSubcommand
    {
        @Parameters(index = "0", paramLabel = "SERVER",
            description = "The server's name or id (a name is looked up first; see 'gamehall admin servers').")
        String server;

        int run(final AdminSession session)
        {
            final Map<String, Object> target = resolve(session.servers(), server);
            final long serverId = (Long)target.get("serverId");
            final String label = "server " + serverId + " (" + target.get("name") + ", " + target.get("role") + ")";
            final ResultCode code = apply(session, serverId);
            if (code == ResultCode.OK)
            {
                out().println(label + done());
                out().flush();
                return CommandLine.ExitCode.OK;
            }
            err().println("error: " + commandName() + " of " + label + " refused: " + code + explain(code));
            return CommandLine.ExitCode.SOFTWARE;
        }

        abstract String commandName();

        abstract ResultCode apply(AdminSession session, long serverId);

        abstract String done();

        private static String explain(final ResultCode code)
        {
            return switch (code)
            {
                case NOT_AUTHORISED -> " (the master did not take this client as an admin)";
                case SERVER_DEAD -> " (it is DEAD already; deregister it, or let its name be registered again)";
                case UNKNOWN_SERVER -> " (it was removed meanwhile)";
                default -> "";
            };
        }

        static Map<String, Object> resolve(final List<Map<String, Object>> servers, final String reference)
        {
            for (final Map<String, Object> row : servers)
            {
                if (reference.equals(row.get("name")))
                {
                    return row;
                }
            }
            if (reference.matches("\\d{1,18}"))
            {
                final long id = Long.parseLong(reference);
                for (final Map<String, Object> row : servers)
                {
                    if ((Long)row.get("serverId") == id)
                    {
                        return row;
                    }
                }
            }
            throw new AdminException("no server with name or id '" + reference + "' (" + servers.size() +
                " servers known; see 'gamehall admin servers')");
        }
    }

    /** {@code gamehall admin drain}. */
    @Command(name = "drain", mixinStandardHelpOptions = true,
        description = "Drain a server (DrainServer): a gateway leaves the check-in list and takes no new check-ins, " +
            "a game host gets no new instances; running games go on, and a drained host exits when its last game " +
            "ends. Draining a server that is already DRAINING is fine.")
    static final class Drain extends ServerCommand
    {
        String commandName()
        {
            return "DrainServer";
        }

        ResultCode apply(final AdminSession session, final long serverId)
        {
            return session.drain(serverId);
        }

        String done()
        {
            return " is DRAINING: it takes no new work";
        }
    }

    /** {@code gamehall admin deregister}. */
    @Command(name = "deregister", mixinStandardHelpOptions = true,
        description = "Remove a server from the directory (DeregisterServer). Its work is handled as for a dead " +
            "server: a host's instances are suspended and restored on other hosts, a gateway's lobby users are " +
            "checked out and its seated users detached (they keep their seats).")
    static final class Deregister extends ServerCommand
    {
        String commandName()
        {
            return "DeregisterServer";
        }

        ResultCode apply(final AdminSession session, final long serverId)
        {
            return session.deregister(serverId);
        }

        String done()
        {
            return " deregistered";
        }
    }
}
