/**
 * The perf kit's reports: what a benchmark run measured ({@link io.gamehall.perf.report.BenchReport}:
 * HdrHistograms per operation, throughput, errors by code, {@link io.gamehall.perf.report.TimeSeries}
 * sampled by a {@link io.gamehall.perf.report.LoadSampler}) written as a report folder by
 * {@link io.gamehall.perf.report.ReportWriter}, and two reports side by side
 * ({@link io.gamehall.perf.report.ReportComparison}).
 * <pre>
 *  run ──► BenchReport ──ReportWriter──► folder: index.html, summary.json, *.hgrm, *.png
 *                                                      │
 *  bench compare A B ◄── SummaryJson.figures ◄─────────┘ ──► table, compare.json, compare.html
 * </pre>
 */
package io.gamehall.perf.report;
