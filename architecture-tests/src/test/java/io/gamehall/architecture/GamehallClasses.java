package io.gamehall.architecture;

import com.tngtech.archunit.core.importer.ImportOption;

/**
 * What the rules read: the main classes of every gamehall module (tests and test support
 * excluded), imported once and shared by the rule classes.
 */
final class GamehallClasses
{
    /** The root package of every gamehall class. */
    static final String ROOT = "io.gamehall";

    /** The packages of the server side: the engine, replication, store, host, gateway and their shared parts. */
    static final String[] SERVER_PACKAGES = {
        "io.gamehall.master..",
        "io.gamehall.replication..",
        "io.gamehall.store..",
        "io.gamehall.host..",
        "io.gamehall.gateway..",
        "io.gamehall.link..",
        "io.gamehall.aeron..",
        "io.gamehall.replay..",
        "io.gamehall.launcher..",
        "io.gamehall.perf..",
        "io.gamehall.sbe.master..",
        "io.gamehall.sbe.snapshot..",
        "io.gamehall.sbe.journal..",
        "io.gamehall.sbe.store..",
        "io.gamehall.sbe.host..",
        "io.gamehall.sbe.backup.."
    };

    /** Main classes only: a test may start a server to try a client against it. */
    public static final class MainClassesOnly implements ImportOption
    {
        private final ImportOption doNotIncludeTests = new ImportOption.DoNotIncludeTests();

        @Override
        public boolean includes(final com.tngtech.archunit.core.importer.Location location)
        {
            return doNotIncludeTests.includes(location) && !location.contains("-tests.jar");
        }
    }

    private GamehallClasses()
    {
    }
}
