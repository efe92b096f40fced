package dev.ablate.cli;

/** Which engine {@code --engine} runs result queries on. */
enum QueryEngine {
    /** Embedded DuckDB: opens the Parquet files directly, starts in milliseconds (the default). */
    duckdb,
    /** Spark SQL ({@code --master}): for results on a cluster file system. */
    spark
}
