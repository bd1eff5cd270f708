package io.gamehall.perf.cluster;

/**
 * The nodes a harness run measures, whatever their layout: each in a JVM of its own
 * ({@link ProcessCluster}, as deployed) or all in the harness's JVM ({@link InProcessCluster}).
 */
public interface MeasuredCluster extends AutoCloseable
{
    /**
     * @return the ingress endpoints clients connect to.
     */
    String ingressEndpoints();

    /**
     * @param timeoutMs how long to wait.
     * @return the leader's member id, once there is one.
     * @throws IllegalStateException when no leader was elected in time.
     */
    int awaitLeader(long timeoutMs);

    /**
     * Stop the nodes and delete their data.
     */
    void close();
}
