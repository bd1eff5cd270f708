package io.gamehall.perf.cluster;

import io.gamehall.replication.MasterNode;

/**
 * Which clustered service the measured nodes host; everything else about the nodes is the same.
 */
public enum ServiceKind
{
    /** The master service: the engine behind exactly-once, routing and the replicated log. */
    MASTER("master", ResponseRecorder.Check.COMMAND_RESULT_OK),
    /** {@link EchoService}: the cost of the cluster alone. */
    ECHO("echo", ResponseRecorder.Check.ECHO),
    /** The master service with its command journal switched off: the cost of journaling. */
    MASTER_NO_JOURNAL("master-nojrnl", ResponseRecorder.Check.COMMAND_RESULT_OK);

    private final String label;
    private final ResponseRecorder.Check check;

    ServiceKind(final String label, final ResponseRecorder.Check check)
    {
        this.label = label;
        this.check = check;
    }

    String label()
    {
        return label;
    }

    ResponseRecorder.Check check()
    {
        return check;
    }

    /**
     * @return true for the kinds that host the master service.
     */
    boolean isMaster()
    {
        return this != ECHO;
    }

    MasterNode launch(final MasterNode.Context ctx)
    {
        return switch (this)
        {
            case MASTER -> MasterNode.launch(ctx);
            case MASTER_NO_JOURNAL -> MasterNode.launch(ctx.journalEnabled(false));
            case ECHO -> MasterNode.launchWith(ctx, new EchoService());
        };
    }
}
