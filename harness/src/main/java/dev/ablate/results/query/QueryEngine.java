package dev.ablate.results.query;

/**
 * Which engine runs result queries: the names {@code --engine} of the command line and {@code %results --engine} of
 * the notebook kernel accept.
 */
public enum QueryEngine {
    /** Embedded DuckDB ({@link DuckDbEngine}): opens the Parquet files directly, starts in milliseconds (the default). */
    duckdb,
    /** Spark SQL ({@link SparkEngine}, on a master): for results on a cluster file system. */
    spark
}
