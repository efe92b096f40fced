/**
 * SQL over a results root: the views {@code trials}, {@code curves}, {@code layers} and
 * {@code latency}, each the union of every experiment's part files, and the seed-interval aggregates of
 * {@link dev.ablate.results.stats.SeedFunction}. {@link dev.ablate.results.query.ResultsEngine} is the seam: DuckDB
 * ({@link dev.ablate.results.query.DuckDbEngine}, the default: it opens Parquet directly and starts in milliseconds)
 * or Spark SQL ({@link dev.ablate.results.query.SparkEngine}, for results on a cluster file system). Both return an
 * engine-independent {@link dev.ablate.results.query.QueryResult}, which the command line, the report and the
 * notebook kernel read.
 */
package dev.ablate.results.query;
