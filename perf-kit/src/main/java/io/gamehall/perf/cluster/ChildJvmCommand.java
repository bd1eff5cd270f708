package io.gamehall.perf.cluster;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The command line of a child JVM that runs a main of this class path: the {@code java} of this
 * process, the JVM flags a caller gives or takes from this JVM's own command line (the
 * {@code --add-exports}/{@code --add-opens} Aeron and Chronicle need, system properties), then
 * {@code -cp}, the main class and its arguments. Used by the multi-process harnesses (the cluster
 * latency harness's nodes, {@code gamehall bench failover}, the failover system test), each with
 * the flags it needs, in its order.
 */
public final class ChildJvmCommand
{
    private final List<String> command = new ArrayList<>();

    /**
     * Starts with the {@code java} executable of this process.
     */
    public ChildJvmCommand()
    {
        command.add(ProcessHandle.current().info().command().orElse("java"));
    }

    /**
     * @param flags JVM flags, as they are.
     * @return this.
     */
    public ChildJvmCommand flags(final List<String> flags)
    {
        command.addAll(flags);
        return this;
    }

    /**
     * @param keep which of this JVM's own flags the child gets too.
     * @return this.
     */
    public ChildJvmCommand inheritedFlags(final Predicate<String> keep)
    {
        for (final String argument : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (keep.test(argument))
            {
                command.add(argument);
            }
        }
        return this;
    }

    /**
     * @param main the class whose {@code main} the child runs, from this process's class path.
     * @param args its arguments.
     * @return the whole command line.
     */
    public List<String> main(final Class<?> main, final List<String> args)
    {
        final List<String> line = new ArrayList<>(command);
        line.add("-cp");
        line.add(System.getProperty("java.class.path"));
        line.add(main.getName());
        line.addAll(args);
        return line;
    }
}
