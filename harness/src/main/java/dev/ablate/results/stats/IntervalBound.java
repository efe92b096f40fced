package dev.ablate.results.stats;

import java.io.Serializable;
import java.util.Arrays;
import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.expressions.Aggregator;

/**
 * One end of a {@link SeedSummary} interval as a Spark aggregate: it collects the group's non-null values
 * (as {@code avg} ignores nulls) and summarises them once at the end. Null for a group with fewer than two
 * values; {@code NaN} when a value is not finite (as {@code avg} gives NaN or infinity). Meant for seed
 * groups — it holds every value of a group in memory.
 */
final class IntervalBound extends Aggregator<Double, IntervalBound.Sample, Double> {
    private static final long serialVersionUID = 1L;

    private final SeedSummary.Method method;
    private final boolean upper;

    /**
     * @param method how the interval is computed ({@link SeedFunctions} fixes confidence and resampling)
     * @param upper  whether this is the interval's upper end
     */
    IntervalBound(SeedSummary.Method method, boolean upper) {
        this.method = method;
        this.upper = upper;
    }

    @Override
    public Sample zero() {
        return new Sample();
    }

    @Override
    public Sample reduce(Sample sample, Double value) {
        if (value != null) {
            sample.add(value);
        }
        return sample;
    }

    @Override
    public Sample merge(Sample a, Sample b) {
        for (int i = 0; i < b.size; i++) {
            a.add(b.values[i]);
        }
        return a;
    }

    @Override
    public Double finish(Sample sample) {
        if (sample.size < 2) {
            return null;
        }
        // sorted, so the answer does not depend on how Spark partitioned the group
        double[] values = Arrays.copyOf(sample.values, sample.size);
        Arrays.sort(values);
        if (!Double.isFinite(values[0]) || !Double.isFinite(values[values.length - 1])) {
            return Double.NaN; // NaN sorts last, infinities at the ends
        }
        SeedSummary summary = switch (method) {
            case T_INTERVAL -> SeedSummary.tInterval(values, SeedFunctions.CONFIDENCE);
            case BOOTSTRAP -> SeedSummary.bootstrap(values, SeedFunctions.CONFIDENCE, SeedFunctions.BOOTSTRAP_RESAMPLES,
                    SeedFunctions.BOOTSTRAP_SEED);
        };
        return upper ? summary.ciHigh() : summary.ciLow();
    }

    @Override
    public Encoder<Sample> bufferEncoder() {
        return Encoders.javaSerialization(Sample.class);
    }

    @Override
    public Encoder<Double> outputEncoder() {
        return Encoders.DOUBLE();
    }

    /** The values of one group collected so far, in arrival order (public: Spark's encoders require it). */
    public static final class Sample implements Serializable {
        private static final long serialVersionUID = 1L;

        private double[] values = new double[8];
        private int size;

        void add(double value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, 2 * size);
            }
            values[size++] = value;
        }
    }
}
