/**
 * {@code ablate report}: one self-contained HTML file per experiment (inline SVG charts and CSS, no script and no
 * network request), whose sections follow what the experiment holds — summary and provenance, the trade-off table
 * over seeds, every chart the data supports ({@link dev.ablate.results.chart}), the Pareto front, per-layer
 * sensitivity, and the trials that failed. It reads the results through a
 * {@link dev.ablate.results.query.ResultsEngine}, so the same sections can be shown in a notebook.
 */
package dev.ablate.results.report;
