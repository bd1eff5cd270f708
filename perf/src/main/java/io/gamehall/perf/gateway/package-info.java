/**
 * The gateway benchmark: idle sessions held and relay latency of one session gateway, with
 * the measuring clients and the idle clients each in a JVM of their own
 * ({@link io.gamehall.perf.gateway.GatewayBenchmark}).
 */
package io.gamehall.perf.gateway;
