package io.gamehall.launcher;

import io.gamehall.aeron.IdleKind;
import io.gamehall.aeron.IdleSettings;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.util.function.UnaryOperator;

/**
 * How a process's polling threads wait when they find no work ({@link IdleSettings}), as a picocli
 * mixin: every command that runs Aeron agents (master, host, gateway, local, bench load) spells the
 * options alike. Each value is checked as it is parsed, so a bad one is a usage error naming its option.
 */
final class IdleOptions
{
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    private IdleSettings settings = IdleSettings.DEFAULT;

    @Option(names = "--idle", paramLabel = "KIND", defaultValue = "BACKOFF",
        description = "How idle threads wait: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}; BUSY_SPIN burns a " +
            "core per thread, YIELDING a core per busy thread, SLEEPING sleeps 1 ms).")
    void kind(final IdleKind kind)
    {
        apply("--idle", (s) -> s.withKind(kind));
    }

    @Option(names = "--max-park-us", paramLabel = "US", defaultValue = "" + IdleSettings.DEFAULT_MAX_PARK_US,
        description = "Longest park of the BACKOFF strategy, 1 to 1000000 µs (default ${DEFAULT-VALUE}).")
    void maxParkMicros(final long micros)
    {
        apply("--max-park-us", (s) -> s.withMaxParkMicros(micros));
    }

    @Option(names = "--idle-spins", paramLabel = "N", defaultValue = "" + IdleSettings.DEFAULT_SPINS,
        description = "Spins of the BACKOFF strategy before it yields (default ${DEFAULT-VALUE}).")
    void spins(final long spins)
    {
        apply("--idle-spins", (s) -> s.withSpins(spins));
    }

    @Option(names = "--idle-yields", paramLabel = "N", defaultValue = "" + IdleSettings.DEFAULT_YIELDS,
        description = "Yields of the BACKOFF strategy before it parks; fewer cost less CPU on a busy machine " +
            "(default ${DEFAULT-VALUE}).")
    void yields(final long yields)
    {
        apply("--idle-yields", (s) -> s.withYields(yields));
    }

    @Option(names = "--quiet-park-us", paramLabel = "US", defaultValue = "" + IdleSettings.DEFAULT_QUIET_PARK_US,
        description = "Quiet threads (opt-in): a BACKOFF thread that found work at most --quiet-wakeups times in the " +
            "last second parks this long at a time; 0 or at most --max-park-us: off (default ${DEFAULT-VALUE}).")
    void quietParkMicros(final long micros)
    {
        apply("--quiet-park-us", (s) -> s.withQuietParkMicros(micros));
    }

    @Option(names = "--quiet-wakeups", paramLabel = "N", defaultValue = "" + IdleSettings.DEFAULT_QUIET_WAKEUPS,
        description = "What a quiet thread is: found work at most this many times a second; also sets when the " +
            "journal's writer sleeps longer (default ${DEFAULT-VALUE}).")
    void quietWakeups(final long wakeups)
    {
        apply("--quiet-wakeups", (s) -> s.withQuietWakeups(wakeups));
    }

    /**
     * @return the idle settings the options gave.
     */
    IdleSettings settings()
    {
        return settings;
    }

    private void apply(final String option, final UnaryOperator<IdleSettings> change)
    {
        try
        {
            settings = change.apply(settings);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ParameterException(mixee.commandLine(), "Invalid value for option '" + option + "': " +
                ex.getMessage());
        }
    }
}
