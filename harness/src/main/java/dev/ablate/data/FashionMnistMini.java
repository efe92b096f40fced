package dev.ablate.data;

import dev.ablate.spec.TrialKey;
import dev.ablate.spec.DatasetSpec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * A fixed, class-balanced subset of Fashion-MNIST shipped inside the harness, registry name
 * {@code fashion-mnist-mini}, so the quickstart needs nothing external: 10,000 training and 2,000 test
 * images, shape {@code [1, 28, 28]}, the classes of {@link FashionMnist#CLASS_NAMES}.
 *
 * <p><b>The rule</b> (also in the resource folder's {@code README.md}): the first
 * {@value #TRAIN_PER_CLASS} examples of each class in file order of the official training file, and the
 * first {@value #TEST_PER_CLASS} of each class in the official test file, kept in their original file
 * order (classes interleaved as in the source files). {@link #firstPerClass} implements it, and a test
 * re-derives the subset from the full dataset and compares it with the shipped files.
 *
 * <p>The files are gzipped IDX files under {@value #RESOURCE_DIR}, named like the official ones.
 */
public final class FashionMnistMini implements DatasetSource {

    /** Registry name. */
    public static final String NAME = "fashion-mnist-mini";
    /** Training examples kept per class. */
    public static final int TRAIN_PER_CLASS = 1000;
    /** Test examples kept per class. */
    public static final int TEST_PER_CLASS = 200;
    /** Class-path folder of the IDX files. */
    public static final String RESOURCE_DIR = "/dev/ablate/data/fashion-mnist-mini/";

    /** Bump when the subset or its encoding changes, so old fingerprints stop matching. */
    private static final String DIGEST_VERSION = "fashion-mnist-mini idx v1";

    /** Creates the source; the resources are read on {@link #load}. */
    public FashionMnistMini() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public TrainTest load(DatasetSpec spec) {
        try {
            Dataset train = readSplit(NAME + "/train", FashionMnist.TRAIN_IMAGES, FashionMnist.TRAIN_LABELS);
            Dataset test = readSplit(NAME + "/test", FashionMnist.TEST_IMAGES, FashionMnist.TEST_LABELS);
            return new TrainTest(train, test);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled " + NAME + " resources: " + e.getMessage(), e);
        }
    }

    @Override
    public String sourceDigest(DatasetSpec spec) {
        StringBuilder identity = new StringBuilder(DIGEST_VERSION).append('\n');
        for (String file : FashionMnist.FILE_NAMES) {
            try (InputStream in = open(file)) {
                identity.append(file).append(' ').append(Sha256.ofStream(in)).append('\n');
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read resource " + RESOURCE_DIR + file + ": " + e.getMessage(), e);
            }
        }
        return TrialKey.sha256Hex(identity.toString());
    }

    /**
     * The subset rule: indices of the first {@code perClass} examples of each class, in file order.
     *
     * @param labels   labels of the full file, in file order
     * @param classes  number of classes; every label must be in {@code [0, classes)}
     * @param perClass examples to keep per class
     * @return ascending indices into {@code labels}, {@code perClass} of each class
     * @throws IllegalArgumentException if a class has fewer than {@code perClass} examples or a label is out of range
     */
    public static int[] firstPerClass(int[] labels, int classes, int perClass) {
        int[] taken = new int[classes];
        int[] indices = new int[classes * perClass];
        int n = 0;
        for (int i = 0; i < labels.length && n < indices.length; i++) {
            int c = labels[i];
            if (c < 0 || c >= classes) {
                throw new IllegalArgumentException("label " + c + " at index " + i + " is not in [0, " + classes + ")");
            }
            if (taken[c] < perClass) {
                taken[c]++;
                indices[n++] = i;
            }
        }
        if (n < indices.length) {
            throw new IllegalArgumentException("need " + perClass + " examples per class, found " + Arrays.toString(taken));
        }
        return indices;
    }

    private static Dataset readSplit(String name, String imagesFile, String labelsFile) throws IOException {
        IdxReader.Images images;
        int[] labels;
        try (InputStream in = open(imagesFile)) {
            images = IdxReader.readImages(in, RESOURCE_DIR + imagesFile);
        }
        try (InputStream in = open(labelsFile)) {
            labels = IdxReader.readLabels(in, RESOURCE_DIR + labelsFile);
        }
        return FashionMnist.toDataset(name, images, RESOURCE_DIR + imagesFile, labels, RESOURCE_DIR + labelsFile);
    }

    private static InputStream open(String file) {
        InputStream in = FashionMnistMini.class.getResourceAsStream(RESOURCE_DIR + file);
        if (in == null) {
            throw new IllegalStateException("resource " + RESOURCE_DIR + file
                    + " is missing from the class path; the harness build is incomplete");
        }
        return in;
    }
}
