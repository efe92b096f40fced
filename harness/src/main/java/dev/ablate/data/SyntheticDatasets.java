package dev.ablate.data;

import dev.ablate.spec.TrialKey;
import dev.ablate.spec.DatasetSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Deterministic Gaussian-blob classification, registry name {@code synthetic}: {@code classes} centres in
 * {@code features} dimensions, and examples drawn around them with unit variance. Everything comes from
 * one {@link SplittableRandom} seeded by {@link DatasetSpec#generatorSeed()}: first the centres, then the
 * training examples, then the test examples; each example's class is drawn uniformly.
 *
 * <p>Centre coordinates are normal with standard deviation {@code 4 / sqrt(2 * features)}, so two centres
 * are about {@value #CENTRE_DISTANCE} standard deviations apart whatever the dimension: a pair of classes
 * is confused about 2% of the time by the Bayes classifier (Φ(−2)), more with many classes and with
 * centres that land close together — learnable, but not trivially separable.
 *
 * <p>Gaussian draws use the Box–Muller transform written out here rather than
 * {@code RandomGenerator.nextGaussian()}, whose algorithm the JDK does not promise to keep, so the data is
 * the same on every JVM. Examples have shape {@code [features]}; classes are named {@code class-0},
 * {@code class-1}, …
 */
public final class SyntheticDatasets implements DatasetSource {

    /** Registry name. */
    public static final String NAME = "synthetic";

    /** Expected distance between two class centres, in units of the within-class standard deviation. */
    public static final double CENTRE_DISTANCE = 4.0;

    /** Bump whenever the generated numbers change, so old fingerprints stop matching. */
    static final int GENERATOR_VERSION = 1;

    /** Creates the source. */
    public SyntheticDatasets() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public TrainTest load(DatasetSpec spec) {
        checkSpec(spec);
        SplittableRandom random = new SplittableRandom(spec.generatorSeed());
        int d = spec.features();
        double spread = CENTRE_DISTANCE / Math.sqrt(2.0 * d);
        double[] centres = new double[spec.classes() * d];
        for (int i = 0; i < centres.length; i++) {
            centres[i] = spread * gaussian(random);
        }
        List<String> classNames = new ArrayList<>(spec.classes());
        for (int c = 0; c < spec.classes(); c++) {
            classNames.add("class-" + c);
        }
        Dataset train = sample(NAME + "/train", spec.trainSize(), centres, spec.classes(), d, classNames, random);
        Dataset test = sample(NAME + "/test", spec.testSize(), centres, spec.classes(), d, classNames, random);
        return new TrainTest(train, test);
    }

    @Override
    public String sourceDigest(DatasetSpec spec) {
        checkSpec(spec);
        return TrialKey.sha256Hex("synthetic gaussian-blobs v" + GENERATOR_VERSION
                + "\ntrainSize=" + spec.trainSize() + "\ntestSize=" + spec.testSize()
                + "\nfeatures=" + spec.features() + "\nclasses=" + spec.classes()
                + "\ngeneratorSeed=" + spec.generatorSeed() + "\n");
    }

    private static Dataset sample(String name, int n, double[] centres, int classes, int d, List<String> classNames,
                                  SplittableRandom random) {
        float[] x = new float[n * d];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            int c = random.nextInt(classes);
            y[i] = c;
            for (int j = 0; j < d; j++) {
                x[i * d + j] = (float) (centres[c * d + j] + gaussian(random));
            }
        }
        return new Dataset(name, x, y, new int[] {d}, classNames);
    }

    // StrictMath, not Math: Math.log/cos may differ in the last bit between JVMs and CPUs.
    /** One standard normal draw by Box–Muller (the cosine branch; the sine half is discarded for simplicity). */
    private static double gaussian(SplittableRandom random) {
        double u1 = 1.0 - random.nextDouble(); // (0, 1], so the log is finite
        double u2 = random.nextDouble();
        return StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2.0 * Math.PI * u2);
    }

    private static void checkSpec(DatasetSpec spec) {
        if (spec.trainSize() <= 0 || spec.testSize() < 0 || spec.features() <= 0 || spec.classes() < 2) {
            throw new IllegalArgumentException("dataset synthetic: need trainSize > 0, testSize >= 0, features > 0"
                    + " and classes >= 2, got trainSize=" + spec.trainSize() + ", testSize=" + spec.testSize()
                    + ", features=" + spec.features() + ", classes=" + spec.classes());
        }
        if ((long) Math.max(spec.trainSize(), spec.testSize()) * spec.features() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("dataset synthetic: " + spec.trainSize() + " x " + spec.features()
                    + " features do not fit in one array");
        }
    }
}
