package io.gamehall.replay;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code gamehall replay}: offline tools over a master node's command journal. They work on
 * a copied data directory or journal folder; no cluster is needed.
 */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = {
        "Read a master node's command journal offline: what happened, when, and the state it led to.",
        "Works on a node's data directory or a copy of its journal folder; import-archive makes a journal from",
        "the cluster log of a node that ran without one."},
    subcommands = {DumpCommand.class, StateCommand.class, VerifyCommand.class, DiffCommand.class, StatsCommand.class,
        ImportArchiveCommand.class})
public final class ReplayCommand implements Runnable
{
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public void run()
    {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
