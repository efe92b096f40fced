package dev.ablate.compress.distill;

import dev.ablate.data.Dataset;
import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

import java.util.ArrayList;
import java.util.List;

/**
 * Our dense float examples as Tribuo examples of one feature space and one label domain.
 *
 * <p>Features are named {@code f0..f(d-1)} zero-padded to one width, so their lexicographic order (which Tribuo
 * keeps each example sorted in) is the index order and no example needs re-sorting; the name array is shared by
 * every conversion. Labels are named by the dataset's class names, so a Tribuo prediction's label names map back
 * to our class indices by name, whatever order Tribuo's own output domain has. Every feature is kept, zeros
 * included: tree splits and XGBoost see exactly our values (XGBoost would read a missing feature as "missing",
 * not 0).
 */
final class TribuoExamples {

    private final String[] featureNames;
    private final List<String> classNames;
    private final Label[] labels;

    /** The feature space and label domain of {@code data}. */
    TribuoExamples(Dataset data) {
        int d = data.featureCount();
        int width = Integer.toString(Math.max(d - 1, 0)).length();
        featureNames = new String[d];
        for (int j = 0; j < d; j++) {
            featureNames[j] = "f" + "0".repeat(width - Integer.toString(j).length()) + j;
        }
        classNames = data.classNames();
        labels = classNames.stream().map(Label::new).toArray(Label[]::new);
    }

    /** The class names, by our index; Tribuo label names are these. */
    List<String> classNames() {
        return classNames;
    }

    /** Every example of {@code data} as a Tribuo training set. */
    MutableDataset<Label> dataset(Dataset data) {
        LabelFactory factory = new LabelFactory();
        List<Example<Label>> all = examples(data, 0, data.size());
        return new MutableDataset<>(all, new SimpleDataSourceProvenance(data.name(), factory), factory);
    }

    /**
     * Examples {@code from} (inclusive) to {@code to} (exclusive) of {@code data}, labelled with their classes.
     *
     * @throws IllegalArgumentException if {@code data} has another feature count or other classes
     */
    List<Example<Label>> examples(Dataset data, int from, int to) {
        if (data.featureCount() != featureNames.length || !data.classNames().equals(classNames)) {
            throw new IllegalArgumentException(data.name() + ": " + data.featureCount() + " features and classes "
                    + data.classNames() + ", but the teacher was trained on " + featureNames.length + " features and "
                    + classNames);
        }
        int d = featureNames.length;
        float[] x = data.features();
        int[] y = data.labels();
        double[] row = new double[d]; // ArrayExample copies its values, so one buffer serves every row
        List<Example<Label>> out = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            for (int j = 0; j < d; j++) {
                row[j] = x[i * d + j];
            }
            out.add(new ArrayExample<>(labels[y[i]], featureNames, row));
        }
        return out;
    }
}
