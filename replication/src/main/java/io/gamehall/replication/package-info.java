/**
 * The master engine as an Aeron Cluster service: the clustered service, node launching and
 * configuration, client authentication and roles, periodic snapshots, node status.
 */
package io.gamehall.replication;
