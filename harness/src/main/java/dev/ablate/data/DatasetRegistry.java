package dev.ablate.data;

import dev.ablate.spec.TrialKey;
import dev.ablate.spec.DatasetSpec;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The datasets a spec can name, and the one place splits are made. {@link #load} dispatches on
 * {@link DatasetSpec#name()} to a {@link DatasetSource}, carves the validation split out of the training
 * data and memoises the result per JVM, so a Spark executor holds one copy of each dataset however many
 * trials it runs.
 *
 * <p><b>Validation rule.</b> The validation split is the last {@link DatasetSpec#validation()} examples of
 * {@link Permutation#of}{@code (trainSize, }{@value #VALIDATION_SEED}{@code )} — a fixed permutation
 * seeded by a constant, never by the trial seed, so every trial of every sweep sees the same split. The
 * remaining examples form the training split. Both keep the source's example order.
 *
 * <p><b>Fingerprint.</b> {@link #fingerprint} is a SHA-256 hex over the source's
 * {@link DatasetSource#sourceDigest} (file bytes, resource bytes, or generator parameters and version, plus
 * the source's own train/test rule: test fraction and seed) and this class's split rule (validation count,
 * validation seed, rule version). It never parses the data; same data and split rule give the same
 * fingerprint, any change to either a different one.
 *
 * <p>Memoised entries are never evicted, and a CSV file edited after its first load in this JVM is not
 * re-read.
 */
public final class DatasetRegistry {

    /** Seed of the permutation the validation split is taken from. Fixed forever: changing it changes every split. */
    public static final long VALIDATION_SEED = 0x5A11DA7E5EEDL;

    /** Bump when the validation rule or the fingerprint recipe changes. */
    private static final String SPLIT_RULE_VERSION = "validation-split v1";

    private static final Map<String, Supplier<DatasetSource>> SOURCES = new TreeMap<>(Map.of(
            FashionMnist.NAME, FashionMnist::new,
            FashionMnistMini.NAME, FashionMnistMini::new,
            CsvDatasets.NAME, CsvDatasets::new,
            SyntheticDatasets.NAME, SyntheticDatasets::new));

    private static final ConcurrentHashMap<DatasetSpec, DatasetSplits> LOADED = new ConcurrentHashMap<>();
    private static final ConcurrentHashMap<DatasetSpec, String> FINGERPRINTS = new ConcurrentHashMap<>();

    private DatasetRegistry() {
    }

    /**
     * The splits a spec describes, loaded once per JVM: later calls with an equal spec return the same instance.
     *
     * @param spec the dataset block of a spec
     * @return train (validation removed), validation and test splits with their fingerprint
     * @throws IllegalArgumentException    if the name is unknown (the message lists the valid names), the spec
     *                                     is invalid for its source, or validation is not smaller than the training set
     * @throws DatasetUnavailableException if the source data cannot be found or fetched
     */
    public static DatasetSplits load(DatasetSpec spec) {
        DatasetSplits splits = LOADED.get(spec);
        if (splits != null) {
            return splits;
        }
        return LOADED.computeIfAbsent(spec, s -> split(s, source(s).load(s), fingerprint(s)));
    }

    /**
     * The SHA-256 hex fingerprint of a spec's data and split rule, memoised per JVM. Hashes source bytes or
     * generator parameters; never parses the data.
     *
     * @param spec the dataset block of a spec
     * @return 64 lowercase hex digits
     * @throws IllegalArgumentException    if the name is unknown or the spec is invalid for its source
     * @throws DatasetUnavailableException if the source data cannot be found or fetched
     */
    public static String fingerprint(DatasetSpec spec) {
        String cached = FINGERPRINTS.get(spec);
        if (cached != null) {
            return cached;
        }
        String fingerprint = TrialKey.sha256Hex(SPLIT_RULE_VERSION + "\ndataset=" + spec.name()
                + "\nsource=" + source(spec).sourceDigest(spec)
                + "\nvalidation=" + spec.validation() + "\nvalidationSeed=" + VALIDATION_SEED + "\n");
        FINGERPRINTS.putIfAbsent(spec, fingerprint);
        return fingerprint;
    }

    /** The registry names, sorted: {@code csv}, {@code fashion-mnist}, {@code fashion-mnist-mini}, {@code synthetic}. */
    public static List<String> names() {
        return List.copyOf(SOURCES.keySet());
    }

    /** Applies the validation rule to a source's train/test data. */
    static DatasetSplits split(DatasetSpec spec, DatasetSource.TrainTest data, String fingerprint) {
        Dataset full = data.train();
        int n = full.size();
        int v = spec.validation();
        if (v >= n) {
            throw new IllegalArgumentException("dataset " + spec.name() + ": validation " + v
                    + " must be smaller than the " + n + " training examples");
        }
        String base = spec.name();
        if (v == 0) {
            Dataset empty = new Dataset(base + "/validation", new float[0], new int[0], full.exampleShape(),
                    full.classNames());
            return new DatasetSplits(full, empty, data.test(), fingerprint);
        }
        int[] order = Permutation.of(n, VALIDATION_SEED);
        boolean[] held = new boolean[n];
        for (int i = n - v; i < n; i++) {
            held[order[i]] = true;
        }
        Dataset train = select(base + "/train", full, held, false, n - v);
        Dataset validation = select(base + "/validation", full, held, true, v);
        return new DatasetSplits(train, validation, data.test(), fingerprint);
    }

    private static Dataset select(String name, Dataset full, boolean[] held, boolean wantHeld, int size) {
        int d = full.featureCount();
        float[] src = full.features();
        int[] labels = full.labels();
        float[] x = new float[size * d];
        int[] y = new int[size];
        int k = 0;
        for (int i = 0; i < held.length; i++) {
            if (held[i] == wantHeld) {
                System.arraycopy(src, i * d, x, k * d, d);
                y[k++] = labels[i];
            }
        }
        return new Dataset(name, x, y, full.exampleShape(), full.classNames());
    }

    private static DatasetSource source(DatasetSpec spec) {
        Supplier<DatasetSource> source = SOURCES.get(spec.name());
        if (source == null) {
            throw new IllegalArgumentException("unknown dataset '" + spec.name() + "'; valid names: "
                    + String.join(", ", SOURCES.keySet()));
        }
        return source.get();
    }

}
