package dev.ablate.data;

import dev.ablate.spec.TrialKey;
import dev.ablate.spec.DatasetSpec;
import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.data.columnar.ColumnarIterator;
import org.tribuo.data.columnar.FieldProcessor;
import org.tribuo.data.columnar.RowProcessor;
import org.tribuo.data.columnar.processors.field.DoubleFieldProcessor;
import org.tribuo.data.columnar.processors.response.FieldResponseProcessor;
import org.tribuo.data.csv.CSVIterator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Any CSV file with a header row and a label column, registry name {@code csv}, read through Tribuo's
 * CSV support ({@link CSVIterator} rows turned into {@link Example}s by a {@link RowProcessor} with a
 * {@link LabelFactory}) and made dense: example shape {@code [d]}, features in header order without the
 * label column, class names sorted (so label {@code i} is the {@code i}-th name in {@link String} order).
 *
 * <p><b>Train/test split.</b> Rows are shuffled by {@link Permutation#of} seeded with
 * {@link DatasetSpec#generatorSeed()}; the first
 * {@code round(testFraction * rows)} shuffled rows form the test split, the rest the training split. Each
 * split keeps its rows in file order.
 *
 * <p><b>Errors.</b> A missing file throws {@link DatasetUnavailableException}; a missing label column, an
 * empty label, and an empty, non-numeric or non-finite feature value throw
 * {@link IllegalArgumentException} naming the file, the line (header = line 1) and the column, e.g.
 * {@code data.csv:7: column 'petal_width': 'abc' is not a number}. Line numbers assume no quoted field
 * spans several lines.
 */
public final class CsvDatasets implements DatasetSource {

    /** Registry name. */
    public static final String NAME = "csv";

    /** Bump when parsing or the split rule changes, so old fingerprints stop matching. */
    private static final String DIGEST_VERSION = "csv dense v1";

    /** Creates the source. */
    public CsvDatasets() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public TrainTest load(DatasetSpec spec) {
        Path file = checkSpec(spec);
        Table table = read(file, spec.label());
        int n = table.labels.size();
        int nTest = (int) Math.round(spec.testFraction() * n);
        boolean[] isTest = new boolean[n];
        int[] order = Permutation.of(n, spec.generatorSeed());
        for (int i = 0; i < nTest; i++) {
            isTest[order[i]] = true;
        }
        List<String> classNames = new ArrayList<>(new TreeSet<>(table.labels));
        Map<String, Integer> classIndex = new HashMap<>();
        for (int c = 0; c < classNames.size(); c++) {
            classIndex.put(classNames.get(c), c);
        }
        String base = NAME + ":" + file.getFileName();
        Dataset train = subset(base + "/train", table, classIndex, classNames, isTest, false, n - nTest);
        Dataset test = subset(base + "/test", table, classIndex, classNames, isTest, true, nTest);
        return new TrainTest(train, test);
    }

    @Override
    public String sourceDigest(DatasetSpec spec) {
        Path file = checkSpec(spec);
        return TrialKey.sha256Hex(DIGEST_VERSION + "\nfile " + Sha256.ofFile(file) + "\nlabel=" + spec.label()
                + "\ntestFraction=" + spec.testFraction() + "\ngeneratorSeed=" + spec.generatorSeed() + "\n");
    }

    /** Rows in file order: dense features (header order minus the label) and label strings. */
    private record Table(List<String> featureNames, List<float[]> rows, List<String> labels) {
    }

    private static Table read(Path file, String labelColumn) {
        try (CSVIterator iterator = new CSVIterator(file.toUri())) {
            List<String> header = iterator.getFields();
            if (!header.contains(labelColumn)) {
                throw new IllegalArgumentException(file + ":1: label column '" + labelColumn
                        + "' is not in the header " + header);
            }
            Map<String, Integer> featureIndex = new LinkedHashMap<>();
            Map<String, FieldProcessor> processors = new HashMap<>();
            for (String column : header) {
                if (!column.equals(labelColumn)) {
                    featureIndex.put(column, featureIndex.size());
                    // onlyFieldName: the feature is named after its column; throwOnInvalid: never drop a value silently
                    processors.put(column, new DoubleFieldProcessor(column, true, true));
                }
            }
            // displayField=false, uppercase=false: Tribuo upper-cases labels by default; keep them as written
            RowProcessor<Label> rowProcessor = new RowProcessor<>(new FieldResponseProcessor<>(
                    List.of(labelColumn), List.of(""), new LabelFactory(), false, false), processors);
            List<float[]> rows = new ArrayList<>();
            List<String> labels = new ArrayList<>();
            while (iterator.hasNext()) {
                ColumnarIterator.Row row = iterator.next();
                long line = row.getIndex() + 2; // getIndex() counts data rows from 0; the header is line 1
                checkRow(file, line, row.getRowData(), labelColumn, featureIndex.keySet());
                Optional<Example<Label>> example = rowProcessor.generateExample(row, true);
                if (example.isEmpty()) {
                    throw new IllegalArgumentException(file + ":" + line + ": Tribuo could not build an example from "
                            + row.getRowData());
                }
                float[] dense = new float[featureIndex.size()];
                for (Feature feature : example.get()) {
                    Integer j = featureIndex.get(feature.getName());
                    if (j == null) {
                        throw new IllegalStateException(file + ":" + line + ": unexpected feature '"
                                + feature.getName() + "', columns are " + featureIndex.keySet());
                    }
                    dense[j] = (float) feature.getValue();
                }
                rows.add(dense);
                labels.add(example.get().getOutput().getLabel());
            }
            if (rows.isEmpty()) {
                throw new IllegalArgumentException(file + ": no data rows after the header");
            }
            return new Table(List.copyOf(featureIndex.keySet()), rows, labels);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read CSV " + file + ": " + e.getMessage(), e);
        }
    }

    private static void checkRow(Path file, long line, Map<String, String> values, String labelColumn,
                                 Iterable<String> featureColumns) {
        String label = values.get(labelColumn);
        if (label == null || label.isBlank()) {
            throw new IllegalArgumentException(file + ":" + line + ": column '" + labelColumn + "': empty label");
        }
        for (String column : featureColumns) {
            String value = values.get(column);
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(file + ":" + line + ": column '" + column + "': empty value");
            }
            double parsed;
            try {
                parsed = Double.parseDouble(value.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(file + ":" + line + ": column '" + column + "': '" + value
                        + "' is not a number");
            }
            if (!Double.isFinite(parsed)) {
                throw new IllegalArgumentException(file + ":" + line + ": column '" + column + "': '" + value
                        + "' is not a finite number");
            }
        }
    }

    private static Dataset subset(String name, Table table, Map<String, Integer> classIndex, List<String> classNames,
                                  boolean[] isTest, boolean wantTest, int size) {
        int d = table.featureNames.size();
        float[] x = new float[size * d];
        int[] y = new int[size];
        int k = 0;
        for (int i = 0; i < isTest.length; i++) {
            if (isTest[i] == wantTest) {
                System.arraycopy(table.rows.get(i), 0, x, k * d, d);
                y[k++] = classIndex.get(table.labels.get(i));
            }
        }
        return new Dataset(name, x, y, new int[] {d}, classNames);
    }

    private static Path checkSpec(DatasetSpec spec) {
        if (spec.path() == null || spec.path().isBlank()) {
            throw new IllegalArgumentException("dataset csv: 'path' is required");
        }
        if (spec.label() == null || spec.label().isBlank()) {
            throw new IllegalArgumentException("dataset csv: 'label' (the label column) is required");
        }
        if (!(spec.testFraction() >= 0.0 && spec.testFraction() < 1.0)) {
            throw new IllegalArgumentException("dataset csv: testFraction must be in [0, 1), got " + spec.testFraction());
        }
        Path file = Path.of(spec.path());
        if (!Files.isRegularFile(file)) {
            throw new DatasetUnavailableException("dataset csv: file not found: " + file.toAbsolutePath()
                    + " (check dataset.path in the spec; relative paths are resolved against the spec's folder)", null);
        }
        return file;
    }

}
