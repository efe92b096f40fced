package dev.ablate.metrics;

import dev.ablate.data.Dataset;
import dev.ablate.nn.Network;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.MutableOutputInfo;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.evaluation.ConfusionMetrics;
import org.tribuo.classification.evaluation.LabelConfusionMatrix;
import org.tribuo.evaluation.metrics.MetricTarget;
import org.tribuo.impl.ArrayExample;

/**
 * Computes {@link Quality} from a model's logits. Accuracy and macro-F1 come from Tribuo's confusion-matrix
 * evaluators (the same code Tribuo's {@code LabelEvaluator} uses), so they follow Tribuo's definitions; NLL
 * and ECE, which need probabilities, are computed here from a numerically stable softmax.
 */
public final class QualityMetrics {

    /** Number of equal-width confidence bins of the ECE (Guo et al. 2017 use 15). */
    public static final int ECE_BINS = 15;

    private QualityMetrics() {
    }

    /**
     * @param logits     {@code n × classNames.size()} row-major logits
     * @param labels     true class per example
     * @param classNames class names by index
     * @param metrics    which of {@code accuracy, macro_f1, nll, ece} to compute
     * @throws IllegalArgumentException if the shapes disagree or a label is out of range
     */
    public static Quality evaluate(float[] logits, int[] labels, List<String> classNames, Collection<String> metrics) {
        int n = labels.length;
        int k = classNames.size();
        if ((long) n * k != logits.length) {
            throw new IllegalArgumentException("logits has " + logits.length + " values, expected " + n + " × " + k);
        }
        if (n == 0) {
            throw new IllegalArgumentException("cannot evaluate on an empty test split");
        }
        int[] predicted = new int[n];
        double nll = 0;
        double[] binConfidence = new double[ECE_BINS];
        double[] binCorrect = new double[ECE_BINS];
        int[] binCount = new int[ECE_BINS];
        for (int i = 0; i < n; i++) {
            int y = labels[i];
            if (y < 0 || y >= k) {
                throw new IllegalArgumentException("label " + y + " of example " + i + " is outside [0, " + k + ")");
            }
            int off = i * k;
            int arg = 0;
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                if (logits[off + c] > max) {
                    max = logits[off + c];
                    arg = c;
                }
            }
            double sum = 0;
            for (int c = 0; c < k; c++) {
                sum += Math.exp(logits[off + c] - max);
            }
            double logSum = Math.log(sum) + max;
            nll += logSum - logits[off + y];
            double confidence = Math.exp(max - logSum);
            int bin = Math.min(ECE_BINS - 1, (int) (confidence * ECE_BINS));
            binConfidence[bin] += confidence;
            binCorrect[bin] += arg == y ? 1 : 0;
            binCount[bin]++;
            predicted[i] = arg;
        }
        double ece = 0;
        for (int b = 0; b < ECE_BINS; b++) {
            if (binCount[b] > 0) {
                ece += Math.abs(binCorrect[b] - binConfidence[b]) / n;
            }
        }
        LabelConfusionMatrix cm = confusion(predicted, labels, classNames);
        return new Quality(
                metrics.contains("accuracy") ? ConfusionMetrics.accuracy(MetricTarget.microAverageTarget(), cm) : null,
                metrics.contains("macro_f1") ? ConfusionMetrics.f1(MetricTarget.macroAverageTarget(), cm) : null,
                metrics.contains("nll") ? nll / n : null,
                metrics.contains("ece") ? ece : null);
    }

    private static LabelConfusionMatrix confusion(int[] predicted, int[] labels, List<String> classNames) {
        Label[] domain = new Label[classNames.size()];
        MutableOutputInfo<Label> info = new LabelFactory().generateInfo();
        for (int c = 0; c < domain.length; c++) {
            domain[c] = new Label(classNames.get(c));
            info.observe(domain[c]);
        }
        ImmutableOutputInfo<Label> immutable = info.generateImmutableOutputInfo();
        List<Prediction<Label>> predictions = new ArrayList<>(labels.length);
        for (int i = 0; i < labels.length; i++) {
            ArrayExample<Label> example = new ArrayExample<>(domain[labels[i]], new String[0], new double[0]);
            predictions.add(new Prediction<>(domain[predicted[i]], 0, example));
        }
        return new LabelConfusionMatrix(immutable, predictions);
    }

    /** Fraction of {@code predicted} classes equal to {@code labels} ({@code NaN} when there are none). */
    public static double accuracy(int[] predicted, int[] labels) {
        if (predicted.length != labels.length) {
            throw new IllegalArgumentException(predicted.length + " predictions for " + labels.length + " labels");
        }
        int correct = 0;
        for (int i = 0; i < predicted.length; i++) {
            correct += predicted[i] == labels[i] ? 1 : 0;
        }
        return predicted.length == 0 ? Double.NaN : correct / (double) predicted.length;
    }

    /** Top-1 accuracy of {@code net} on {@code data}. */
    public static double accuracy(Network net, Dataset data) {
        return accuracy(net.predict(data.features(), data.size()), data.labels());
    }
}
