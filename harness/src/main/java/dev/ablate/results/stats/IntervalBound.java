package dev.ablate.results.stats;

import java.io.Serializable;
import java.util.Arrays;
import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.expressions.Aggregator;

/**
 * A {@link SeedFunction} as a Spark aggregate: it collects the group's non-null values and applies the function
 * once at the end. Meant for seed groups — it holds every value of a group in memory.
 */
final class IntervalBound extends Aggregator<Double, IntervalBound.Sample, Double> {
    private static final long serialVersionUID = 1L;

    private final SeedFunction function;

    /** @param function the interval end this aggregate computes */
    IntervalBound(SeedFunction function) {
        this.function = function;
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
        return function.apply(Arrays.copyOf(sample.values, sample.size));
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
