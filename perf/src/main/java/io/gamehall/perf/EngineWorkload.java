package io.gamehall.perf;

import io.gamehall.master.EngineConfig;
import io.gamehall.master.MasterEngine;

/**
 * An engine populated to production size, with the cyclic script of one {@link Mix} ready to
 * play on it: what every benchmark of this module measures, set up and checked in one place.
 * <p>
 * Preparing it builds the {@link Population} through real commands, builds the script, and
 * plays one full cycle as a dry run with every response decoded: the set-up fails unless
 * every command of the script was answered OK, every search found something, the directories
 * have their original sizes and their indexes agree with their data. A benchmark then calls
 * {@link #step()} in its measured loop.
 */
final class EngineWorkload
{
    /** Seed for the order of commands within each block of the script. */
    static final long SEED = 20_260_101L;

    private final EngineHarness harness;
    private final CommandScript script;
    private final ScriptPlayer player;
    private final Mix mix;

    private EngineWorkload(final EngineHarness harness, final CommandScript script, final Mix mix)
    {
        this.harness = harness;
        this.script = script;
        this.mix = mix;
        player = new ScriptPlayer(harness, script);
    }

    /**
     * Limits with room for twice the population: 200K users, 20K instances, 512 servers.
     */
    static EngineConfig config()
    {
        return new EngineConfig()
            .maxServers(512)
            .maxUsers(2 * Population.USERS)
            .maxInstances(2 * Population.INSTANCES)
            .maxPlayersPerInstance(EngineConfig.DEFAULT_MAX_PLAYERS_PER_INSTANCE)
            .maxClients(1024)
            .dedupWindow(EngineConfig.DEFAULT_DEDUP_WINDOW)
            .serverTimeoutMs(EngineConfig.DEFAULT_SERVER_TIMEOUT_MS)
            .maxSearchExamined(EngineConfig.DEFAULT_MAX_SEARCH_EXAMINED);
    }

    /**
     * Populate an engine, build the script of a mix and check it with a dry run of one cycle.
     *
     * @param mix what the script holds.
     * @return the workload, positioned at the start of a cycle.
     * @throws IllegalStateException when the dry run shows the script is not what it claims.
     */
    static EngineWorkload prepare(final Mix mix)
    {
        final EngineConfig config = config();
        final EngineHarness harness = new EngineHarness(config, Population.SERVERS, config.maxServers());
        final Population population = Population.populate(harness);
        final CommandScript script = CommandScript.build(population, mix, CommandScript.BLOCKS, SEED);
        final EngineWorkload workload = new EngineWorkload(harness, script, mix);
        workload.dryRun();
        return workload;
    }

    /**
     * Apply the next command of the script: the measured operation.
     */
    void step()
    {
        player.step();
    }

    /**
     * Fail fast between iterations.
     *
     * @throws IllegalStateException when any response so far carried a code other than OK.
     */
    void requireNoRejections()
    {
        final long rejections = harness.output().rejections();
        if (rejections != 0)
        {
            throw new IllegalStateException(mix + ": " + rejections + " command(s) were rejected: the benchmark is void");
        }
    }

    /**
     * Play on to the end of the current cycle, then check that nothing was rejected and the
     * directories have their original sizes. Prints nothing: output of a fork during the
     * measurement would be counted as allocation by {@code -prof gc}.
     *
     * @throws IllegalStateException when a command was rejected or a directory changed size.
     */
    void finish()
    {
        while (player.cursor() != 0)
        {
            player.step();
        }
        requireNoRejections();
        Population.requireSizes(harness.engine());
    }

    private void dryRun()
    {
        final BenchmarkOutput output = harness.output();
        final ResponseAudit audit = new ResponseAudit();
        final long responsesBefore = output.responses();
        final long eventsBefore = output.events();
        final long bytesBefore = output.bytes();
        output.keepLastResponse(true);
        for (int i = 0; i < script.size(); i++)
        {
            final long responses = output.responses();
            player.step();
            if (output.responses() != responses + 1)
            {
                throw new IllegalStateException(mix + " script entry " + i + " got " + (output.responses() - responses) +
                    " responses instead of one");
            }
            audit.onResponse(output.lastResponse(), 0, output.lastResponseLength());
        }
        output.keepLastResponse(false);

        final String problems = audit.problems();
        if (problems != null)
        {
            throw new IllegalStateException(mix + " script failed its dry run: " + problems);
        }
        final MasterEngine engine = harness.engine();
        Population.requireSizes(engine);
        String indexProblem = engine.servers().verifyIndexes();
        if (indexProblem == null)
        {
            indexProblem = engine.users().verifyIndexes();
        }
        if (indexProblem == null)
        {
            indexProblem = engine.instances().verifyIndexes();
        }
        if (indexProblem != null)
        {
            throw new IllegalStateException(mix + " script: indexes broken after the dry run: " + indexProblem);
        }
        final double commands = output.responses() - responsesBefore;
        System.out.println(mix + " dry run of " + script.size() + " commands OK: " + audit.report() +
            String.format("; per command %.2f events, %.1f bytes out", (output.events() - eventsBefore) / commands,
            (output.bytes() - bytesBefore) / commands));
    }
}
