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
    ECHO("echo", ResponseRecorder.Check.ECHO);

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

    MasterNode launch(final MasterNode.Context ctx)
    {
        return this == MASTER ? MasterNode.launch(ctx) : MasterNode.launchWith(ctx, new EchoService());
    }
}
