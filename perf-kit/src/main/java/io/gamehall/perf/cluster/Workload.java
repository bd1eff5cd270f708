package io.gamehall.perf.cluster;

/**
 * What the measured requests are. Both keep the master's directories stationary, so any number
 * of requests can be sent; both go through the master's full exactly-once path.
 */
public enum Workload
{
    /** ServerHeartbeat of the game host and of the gateway, in turn. 36-byte requests. */
    HEARTBEAT,
    /**
     * Half heartbeats, half JoinInstance/LeaveInstance pairs: a user of the pool joins the one
     * open instance, the next request but one takes the seat back. Each join and leave also
     * sends an event to the host. 36- and 40-byte requests.
     */
    MIXED
}
