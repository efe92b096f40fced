package dev.ablate.results.chart;

import dev.ablate.results.pareto.ParetoFront;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** One realistic chart of each kind, as an ablation report would draw it; fixed seeds, so always the same. */
final class SampleCharts {

    private SampleCharts() {
    }

    /** Accuracy against weight bits, three methods; one has a single seed at 3 bits, so an error bar at 4. */
    static Chart bands() {
        int[] bits = {2, 3, 4, 5, 6, 8};
        String[] methods = {"int, per-tensor, PTQ", "int, per-channel, PTQ", "int, per-channel, QAT"};
        double[] loss2 = {0.45, 0.30, 0.12};
        List<BandSeries> series = new ArrayList<>();
        for (int m = 0; m < methods.length; m++) {
            List<BandPoint> points = new ArrayList<>();
            for (int b : bits) {
                double mean = 0.905 - loss2[m] * Math.pow(2, -1.6 * (b - 2));
                double half = 0.004 + 0.03 * Math.pow(2, -(b - 2));
                int n = m == 0 && (b == 3 || b == 5) ? 1 : 5;
                points.add(n == 1 ? new BandPoint(b, mean, Double.NaN, Double.NaN, 1)
                        : new BandPoint(b, mean, mean - half, mean + half, n));
            }
            series.add(new BandSeries(methods[m], points));
        }
        return Charts.bands("accuracy-vs-bits", "Fashion-MNIST, LeNet-300-100: accuracy vs weight bits",
                new Axis("weight bits (bits)", false), new Axis("test accuracy (fraction)", false), series);
    }

    /** Validation loss per epoch of four training stages. */
    static Chart lines() {
        String[] stages = {"baseline", "QAT 4-bit", "QAT 2-bit", "distilled student"};
        double[] floor = {0.28, 0.31, 0.42, 0.33};
        Random random = new Random(1);
        List<LineSeries> series = new ArrayList<>();
        for (int s = 0; s < stages.length; s++) {
            List<XYPoint> points = new ArrayList<>();
            for (int epoch = 1; epoch <= 20; epoch++) {
                points.add(new XYPoint(epoch, floor[s] + 0.9 * Math.exp(-epoch / 3.0) + 0.01 * random.nextGaussian()));
            }
            series.add(new LineSeries(stages[s], points));
        }
        return Charts.lines("training-curves", "Validation loss during training", new Axis("epoch", false),
                new Axis("validation loss (nats)", false), series);
    }

    /** Accuracy against model size of 60 trials of five techniques, with their front. */
    static Chart pareto() {
        String[] techniques = {"baseline", "ptq", "qat", "prune", "prune+ptq"};
        Random random = new Random(7);
        List<String> groups = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        double[] bytes = new double[60];
        double[] accuracy = new double[60];
        for (int i = 0; i < bytes.length; i++) {
            int t = i % techniques.length;
            double compression = t == 0 ? 1 : Math.pow(2, 1 + random.nextInt(t == 4 ? 6 : 4));
            bytes[i] = 1_065_000 / compression * (1 + 0.05 * random.nextGaussian());
            accuracy[i] = 0.90 - 0.004 * Math.pow(compression, 0.8) * (t == 2 ? 0.5 : 1) + 0.004 * random.nextGaussian();
            groups.add(techniques[t]);
            labels.add(techniques[t] + " trial " + i + ", " + Math.round(compression) + "× smaller");
        }
        boolean[] front = ParetoFront.mark(bytes, ParetoFront.Direction.MINIMIZE, accuracy,
                ParetoFront.Direction.MAXIMIZE);
        List<ParetoPoint> points = new ArrayList<>();
        for (int i = 0; i < bytes.length; i++) {
            points.add(new ParetoPoint(groups.get(i), labels.get(i), bytes[i], accuracy[i], front[i]));
        }
        return Charts.pareto("accuracy-vs-size", "Accuracy vs model size (Pareto front)",
                new Axis("model size (bytes, log scale)", true), new Axis("test accuracy (fraction)", false),
                points);
    }

    /** Per-layer sensitivity of eight layers to six configurations, one not measured. */
    static Chart heatMap() {
        List<String> layers = List.of("conv1.weight", "conv2.weight", "conv3.weight", "conv4.weight",
                "features.5.block.depthwise.weight", "fc1.weight", "fc2.weight", "classifier.weight");
        List<String> configs = List.of("int8 per-tensor", "int4 per-tensor", "int4 per-channel", "int2 per-channel",
                "fp4 e2m1 per-block-32 with stochastic rounding", "50% unstructured magnitude");
        double[][] values = new double[layers.size()][configs.size()];
        for (int r = 0; r < layers.size(); r++) {
            for (int c = 0; c < configs.size(); c++) {
                values[r][c] = (r == 0 || r == layers.size() - 1 ? 3 : 1) * Math.pow(2.2, c) * 0.002 * (1 + 0.3 * r % 3);
            }
        }
        values[4][3] = Double.NaN;
        return Charts.heatMap("layer-sensitivity", "Per-layer sensitivity (accuracy drop when only that layer is "
                + "compressed)", layers, configs, values, "accuracy drop (fraction)");
    }

    static List<Chart> all() {
        return List.of(bands(), lines(), pareto(), heatMap());
    }
}
