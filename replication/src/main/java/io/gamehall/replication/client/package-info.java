/**
 * The client gateways, hosts and tools use to send commands to the master cluster and
 * receive responses and events, surviving leader changes and quorum loss.
 */
package io.gamehall.replication.client;
