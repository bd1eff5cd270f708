/**
 * What a matchmaker server does with its partitions, without any I/O: tickets from gateways
 * go into the partition of their queue, the matches the partitions form go to the master to be
 * seated, and every ticket ends exactly once, told to the gateway that holds it. The transport
 * (gateway and master links) plugs in through {@link io.gamehall.matchmaker.service.MasterPort}
 * and {@link io.gamehall.matchmaker.service.GatewayPort}.
 */
package io.gamehall.matchmaker.service;
