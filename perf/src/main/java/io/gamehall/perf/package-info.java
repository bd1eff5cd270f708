/**
 * JMH benchmarks of the master engine.
 * <p>
 * An {@link io.gamehall.perf.EngineWorkload} populates an engine to production size through
 * real commands, then plays a cyclic {@link io.gamehall.perf.CommandScript} of pre-encoded SBE
 * commands whose effect on the directories is stationary, so a benchmark can apply billions
 * of commands to directories that keep their size. The benchmarks themselves are thin.
 */
package io.gamehall.perf;
