package io.gamehall.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The short version of {@code gamehall bench failover} (the long one, 20+ kills, is a bench run
 * with its figures in perf/results): three master processes under load with snapshots on, the
 * leader killed three times and restarted at once. Every restarted node rejoins, nothing
 * acknowledged is lost or applied twice, and every node ends with the same state hash.
 */
@Timeout(420)
class FailoverKillLoopTest
{
    /**
     * The bound here is looser than the 10 s target the bench reports against: the build shares
     * two cores with whatever else runs on the machine.
     */
    private static final long REJOIN_BOUND_MS = 30_000;

    @TempDir
    File workDir;

    @Test
    void shouldRejoinEveryKilledLeaderUnderLoadWithoutLosingOrDoublingACommand() throws Exception
    {
        final StringWriter progress = new StringWriter();
        final FailoverKillLoop.Options options = new FailoverKillLoop.Options();
        options.kills = 3;
        options.intervalMs = 12_000;
        options.snapshotIntervalS = 4;
        options.clients = 2;
        options.inFlight = 100;
        options.rejoinBoundMs = REJOIN_BOUND_MS;
        options.rejoinTimeoutMs = 90_000;
        options.workDir = workDir;
        options.keepWorkDir = true;
        options.progress = new PrintWriter(progress, true);

        final FailoverKillLoop.Result result;
        try (FailoverKillLoop loop = new FailoverKillLoop(options))
        {
            result = loop.run();
        }
        final String report = KillLoopReport.markdown("test", "FailoverKillLoopTest", options, result);
        System.out.println(progress);
        System.out.println(report);

        assertThat(result.failure()).as(report).isNull();
        assertThat(result.kills()).as(report).hasSize(3);
        assertThat(result.errors()).as(report).isZero();
        assertThat(result.unknown()).as(report).isZero();
        assertThat(result.acknowledged()).as(report).isEqualTo(result.sent()).isPositive();
        assertThat(result.usersLeft()).as(report).isZero();
        assertThat(result.statesEqual()).as(report).isTrue();
        assertThat(result.everyRejoinWithin(REJOIN_BOUND_MS)).as(report).isTrue();
        assertThat(restartLogs()).as("a restarted node does not wait for its predecessor's mark files")
            .contains("is gone; released it")
            .doesNotContain("waiting for it to expire");
    }

    private String restartLogs() throws IOException
    {
        final StringBuilder logs = new StringBuilder();
        final File[] files = workDir.listFiles((dir, name) -> name.matches("node-\\d-[2-9]\\.log"));
        assertThat(files).isNotEmpty();
        for (final File file : files)
        {
            logs.append(Files.readString(file.toPath(), StandardCharsets.UTF_8));
        }
        return logs.toString();
    }
}
