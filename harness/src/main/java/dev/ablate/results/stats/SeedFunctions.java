package dev.ablate.results.stats;

import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * Registers every {@link SeedFunction} as a Spark SQL aggregate, e.g.
 * {@code SELECT technique, mean(accuracy), ci95_low(accuracy), ci95_high(accuracy) FROM trials GROUP BY technique}.
 */
public final class SeedFunctions {

    private SeedFunctions() {
    }

    /** Registers the functions (as temporary functions, replacing any of the same name) in {@code spark}. */
    public static void register(SparkSession spark) {
        for (SeedFunction f : SeedFunction.values()) {
            spark.udf().register(f.sqlName(), functions.udaf(new IntervalBound(f), Encoders.DOUBLE()));
        }
    }
}
