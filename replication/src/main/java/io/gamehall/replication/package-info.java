/**
 * The master engine as an Aeron Cluster service: the clustered service, node launching and
 * configuration, client authentication and roles, periodic snapshots, node status, and the
 * import of a node's recorded cluster log into a journal.
 */
package io.gamehall.replication;
