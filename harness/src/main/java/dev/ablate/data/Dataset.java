package dev.ablate.data;

import java.util.List;
import java.util.Objects;

/**
 * A labelled classification dataset held densely in memory: row-major float32 features and int labels.
 * Instances are treated as immutable: nothing may write into {@link #features()} or {@link #labels()}.
 *
 * @param name         human-readable name including the split, e.g. {@code fashion-mnist/train}
 * @param features     {@code size * exampleShape.product} values, example {@code i} at offset {@code i * featureCount()}
 * @param labels       class index in {@code [0, classNames.size())} per example
 * @param exampleShape shape of one example: {@code [channels, height, width]} for images, {@code [d]} for vectors
 * @param classNames   class names by index
 */
public record Dataset(String name, float[] features, int[] labels, int[] exampleShape, List<String> classNames) {

    public Dataset {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(labels, "labels");
        exampleShape = exampleShape.clone();
        classNames = List.copyOf(classNames);
        int d = 1;
        for (int s : exampleShape) {
            d *= s;
        }
        if ((long) labels.length * d != features.length) {
            throw new IllegalArgumentException(name + ": " + labels.length + " labels with example size " + d
                    + " need " + (long) labels.length * d + " features, got " + features.length);
        }
    }

    /** Number of examples. */
    public int size() {
        return labels.length;
    }

    /** Number of features per example (product of {@link #exampleShape()}). */
    public int featureCount() {
        return size() == 0 ? product(exampleShape) : features.length / size();
    }

    /** Number of classes. */
    public int classCount() {
        return classNames.size();
    }

    @Override
    public int[] exampleShape() {
        return exampleShape.clone();
    }

    private static int product(int[] shape) {
        int p = 1;
        for (int s : shape) {
            p *= s;
        }
        return p;
    }
}
