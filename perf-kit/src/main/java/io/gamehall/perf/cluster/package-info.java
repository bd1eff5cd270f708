/**
 * Latency harness of the replicated master: round trips through {@code MasterClient} to
 * in-process clusters of 1 and 3 nodes, the master service against an {@link
 * io.gamehall.perf.cluster.EchoService} on identical nodes.
 * <p>
 * {@link io.gamehall.perf.cluster.ClusterLatencyHarness} runs the configurations;
 * {@link io.gamehall.perf.cluster.InProcessCluster} and {@code BenchmarkClient} start the
 * nodes and the client, {@code MasterSetUp} registers servers and users through real commands,
 * {@code LoadGenerator} sends a pre-encoded {@code RequestScript} at a fixed rate or pipelined,
 * and {@code ResponseRecorder} times and checks each response on the client's thread.
 */
package io.gamehall.perf.cluster;
