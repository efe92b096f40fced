/**
 * The results tables ({@link dev.ablate.results.TrialsTable}, {@link dev.ablate.results.CurvesTable},
 * {@link dev.ablate.results.LayersTable}, {@link dev.ablate.results.LatencyTable}): their columns as typed
 * {@link dev.ablate.results.Column}s, the Parquet part files that store them under a
 * {@link dev.ablate.results.ResultsLayout} (each written under a hidden temporary name and renamed atomically by
 * {@link dev.ablate.results.ParquetTableWriter}), and the catalog that finds them. Sub-packages query them
 * ({@code query}), aggregate over seeds ({@code stats}), find Pareto fronts ({@code pareto}), and draw charts and
 * reports ({@code chart}, {@code report}).
 */
package dev.ablate.results;
