package io.gamehall.replay;

import io.aeron.Aeron;
import io.gamehall.master.EngineConfig;
import io.gamehall.master.MasterEngine;
import io.gamehall.replication.ArchiveImport;
import io.gamehall.replication.EngineConfigFile;
import io.gamehall.replication.journal.CommandJournal;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.File;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;

/**
 * {@code gamehall replay import-archive}: a journal made from the cluster log a node recorded,
 * for a node that ran without its journal.
 */
@Command(name = "import-archive", mixinStandardHelpOptions = true,
    description = {"Make a journal from the cluster log a master node recorded in its archive, for a",
        "node that ran without a journal (--no-journal). Reads a copy of the node's data",
        "directory: cluster/recording.log names the log recording, archive/ holds it;",
        "nothing there is modified. Every command, timer and snapshot of the log goes",
        "through the master service as it did live, so the journal holds what the node",
        "would have journaled; check it with 'gamehall replay verify'. The engine limits",
        "come from the node's engine.properties (nodes write it when they start); the",
        "options below override it, and without it give the limits the node ran with",
        "(the log does not hold them; the defaults are gamehall master's).",
        "The log must start at position 0 (not purged). Exits 0 when imported, 1 when the",
        "log cannot be imported, 2 for bad input."})
public final class ImportArchiveCommand implements Callable<Integer>
{
    @Option(names = "--node-dir", required = true,
        description = "A (copied) master node data directory, holding cluster/ and archive/.")
    File nodeDir;

    @Option(names = {"-j", "--journal"}, required = true,
        description = "Journal directory to write; must be new or empty.")
    File journal;

    @Option(names = "--no-compression", negatable = false,
        description = "Write the journal uncompressed (format 3) instead of LZ4-compressed.")
    boolean noCompression;

    @Option(names = "--checkpoint-interval", defaultValue = "100000",
        description = "Commands and timers between state-hash checkpoints (default ${DEFAULT-VALUE}, as on a node).")
    long checkpointInterval;

    @CommandLine.Mixin
    EngineOptions engineOptions;

    @Option(names = "--member-id", description = "The node's member id, for the journal's node start (default: the one " +
        "in the node's cluster/cluster-mark.dat, -1 when it cannot be read).")
    Integer memberId;

    @Option(names = {"-q", "--quiet"}, description = "No progress reports.")
    boolean quiet;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private String configSource;

    public Integer call()
    {
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        final ArchiveImport importer;
        try
        {
            importer = new ArchiveImport(new ArchiveImport.Context()
                .nodeDir(nodeDir)
                .memberId(memberId != null ? memberId : Aeron.NULL_VALUE)
                .journal(new CommandJournal.Context()
                    .directory(journal)
                    .compression(!noCompression)
                    .checkpointInterval(checkpointInterval))
                .engineConfig(engineConfig()));
        }
        catch (final IllegalArgumentException ex)
        {
            err.println("error: " + ex.getMessage());
            return 2;
        }
        final Progress progress = new Progress(err, quiet);
        try
        {
            importer.run(progress::update);
        }
        catch (final IllegalStateException | IllegalArgumentException | UncheckedIOException ex)
        {
            progress.done();
            err.println("error: " + ex.getMessage());
            return 1;
        }
        progress.done();
        out.println("engine configuration: " + configSource);
        out.printf("imported %,d log messages up to log position %d: %,d commands, %,d timers, %,d snapshots, " +
                "%,d leadership terms; final state hash %s (version " + MasterEngine.STATE_HASH_VERSION + "); " +
                "journal in %s, %.1f s%n",
            importer.messages(), importer.endPosition(), importer.commands(), importer.timers(), importer.snapshots(),
            importer.terms(), Long.toHexString(importer.engine().stateHash()), journal, progress.elapsedSeconds());
        return 0;
    }

    /**
     * The node's own engine configuration when its directory has one ({@link EngineConfigFile}), else
     * {@code gamehall master}'s defaults; either way with the options given on the command line over it.
     */
    private EngineConfig engineConfig()
    {
        final EngineConfig written = EngineConfigFile.read(nodeDir);
        final EngineConfig config = written != null ? written : engineOptions.toConfig();
        final String given = engineOptions.applyGiven(config, spec.commandLine().getParseResult());
        configSource = (written != null ? "the node's " + EngineConfigFile.FILE_NAME :
            "no " + EngineConfigFile.FILE_NAME + " in the node directory: gamehall master's defaults") +
            (given.isEmpty() ? "" : ", with " + given + " as given");
        return config;
    }
}
