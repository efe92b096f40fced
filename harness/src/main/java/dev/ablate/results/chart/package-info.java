/**
 * Charts for reports and notebooks: {@link dev.ablate.results.chart.Charts} turns plain values (series of means
 * with confidence intervals, curves, Pareto scatters, matrices) into a {@link dev.ablate.results.chart.Chart}, a
 * deterministic, self-contained SVG (and a PNG on request) in one paper-ready style. The report and the notebook
 * kernel draw the same chart through the same factory. Drawing is JFreeChart's, to SVG through JFreeSVG; neither
 * shows through the API.
 */
package dev.ablate.results.chart;
