package io.gamehall.launcher;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code gamehall bench}: the perf kit — load runs with simulated players ({@code load}), the
 * cluster latency harness ({@code master}, added by {@link Gamehall#commandLine()}) and two
 * reports side by side ({@code compare}). Every run writes a report folder
 * ({@code io.gamehall.perf.report}).
 */
@Command(
    name = "bench",
    header = "Measure the system: simulated players, the cluster latency harness, reports compared.",
    mixinStandardHelpOptions = true,
    description = {
        "The perf kit: simulated players against gateways (load), the cluster",
        "latency harness (master), two reports side by side (compare). Each run",
        "writes a report folder: index.html, summary.json, one .hgrm per",
        "operation and PNG charts."},
    subcommands = {BenchLoadCommand.class, BenchCompareCommand.class, BenchFailoverCommand.class})
public final class BenchCommand implements Runnable
{
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public void run()
    {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
