package io.gamehall.replay;

import picocli.CommandLine.Option;

import java.io.File;

/**
 * Options every replay command shares: which journal, and what to do with corrupt records.
 */
final class JournalOptions
{
    @Option(names = {"-j", "--journal"}, defaultValue = "gamehall-data/master-0",
        description = "A journal directory, or a node's data directory holding journal/ (default ${DEFAULT-VALUE}).")
    File journal;

    @Option(names = "--skip-corrupt", description = "Skip corrupt records (and report them) instead of stopping.")
    boolean skipCorrupt;

    @Option(names = {"-q", "--quiet"}, description = "No progress reports.")
    boolean quiet;

    /**
     * @return the journal directory itself.
     */
    File directory()
    {
        return directoryOf(journal);
    }

    static File directoryOf(final File given)
    {
        final File nested = new File(given, "journal");
        if (nested.isDirectory() && !hasQueueFiles(given))
        {
            return nested;
        }
        return given;
    }

    private static boolean hasQueueFiles(final File dir)
    {
        final File[] files = dir.listFiles((d, name) -> name.endsWith(".cq4"));
        return files != null && files.length > 0;
    }
}
