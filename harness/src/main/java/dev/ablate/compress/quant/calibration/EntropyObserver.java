package dev.ablate.compress.quant.calibration;

import dev.ablate.compress.quant.MinMaxObserver;
import dev.ablate.compress.quant.QuantScheme;

import java.util.Arrays;
import java.util.List;

/**
 * KL / entropy calibration as TensorRT does it (Migacz 2017, "8-bit Inference with TensorRT", GTC): a
 * histogram of {@code |x|} with {@value #BINS} bins over {@code [0, R]}, and the threshold {@code t = i * w}
 * ({@code w = R / 2048}) whose clipped-and-quantized distribution is closest to the observed one. For each
 * candidate {@code i} from {@code levels} to the last non-empty bin:
 * <ul>
 *   <li>reference {@code P = hist[0:i]} with the outlier mass {@code sum(hist[i:])} added to bin {@code i-1};</li>
 *   <li>candidate {@code Q}: {@code hist[0:i]} (without the outliers, as in Migacz's slides and MXNet) merged
 *       into {@code levels} groups of {@code i / levels} bins (the last group takes the remainder), each
 *       group's sum spread evenly over the bins where {@code P} is non-zero;</li>
 *   <li>zero bins of {@code P} and {@code Q} get {@value #SMOOTHING} counts, both are normalized, and
 *       {@code KL(P || Q)} is computed;</li>
 * </ul>
 * the smallest {@code i} with the least divergence wins. {@code levels} is the number of codes on one side of
 * zero: {@code 2^(bits-1)} for the symmetric schemes and for affine data with negative values, {@code 2^bits}
 * for affine data that is never negative (ReLU outputs use the whole unsigned range), at most {@value #BINS}
 * (then {@code t = max|x|}).
 *
 * <p>Empty bins get {@value #SMOOTHING} counts without taking that from the others (MXNet's
 * {@code _smooth_distribution} also subtracts it, which can turn small counts negative); both distributions
 * are renormalized, so the smoothing only keeps {@code log(P / Q)} finite.
 *
 * <p>Ranges: symmetric {@code [-t, t]}; affine {@code [max(min(x, 0), -t), min(max(x, 0), t)]}, i.e. the
 * negative side is clipped at the same magnitude, since the histogram does not tell the sides apart.
 *
 * <p>Several batches: the first batch with a non-zero value fixes {@code R = max|x|}; a later batch beyond
 * {@code R} doubles {@code R} (as often as needed) and merges bin pairs, which rebins exactly, so memory is the
 * {@value #BINS} bins and the resolution is at worst half the single-batch one. Per tensor only; not
 * thread-safe.
 */
public final class EntropyObserver extends GridObserver {

    /** Histogram bins (TensorRT's 2048). */
    public static final int BINS = 2048;
    /** Counts given to empty bins before the divergence (MXNet's {@code _smooth_distribution} eps). */
    public static final double SMOOTHING = 1e-4;

    private final double[] histogram = new double[BINS];
    private float histogramMax;
    private float min = Float.POSITIVE_INFINITY;
    private float max = Float.NEGATIVE_INFINITY;

    /**
     * @param scheme the quantization scheme
     * @param bits   bit width, valid for {@code scheme}
     * @throws IllegalArgumentException if {@code bits} is not valid for {@code scheme}
     */
    public EntropyObserver(QuantScheme scheme, int bits) {
        super(scheme, bits);
    }

    /** Adds {@code |x|} of a non-empty tensor to the histogram, doubling its range while {@code max|x|} exceeds it. */
    @Override
    public EntropyObserver observe(float[] x) {
        MinMaxObserver batch = MinMaxObserver.perTensor(scheme, bits).observe(x);
        min = Math.min(min, batch.observedMin()[0]);
        max = Math.max(max, batch.observedMax()[0]);
        float absMax = Math.max(-batch.observedMin()[0], batch.observedMax()[0]);
        if (histogramMax == 0) {
            histogramMax = absMax;
        }
        while (absMax > histogramMax) {
            for (int k = 0; k < BINS / 2; k++) {
                histogram[k] = histogram[2 * k] + histogram[2 * k + 1];
            }
            Arrays.fill(histogram, BINS / 2, BINS, 0);
            histogramMax *= 2;
        }
        for (float v : x) {
            int bin = histogramMax == 0 ? 0 : (int) (Math.abs(v) * (double) BINS / histogramMax);
            histogram[Math.min(BINS - 1, bin)]++;
        }
        return this;
    }

    /**
     * The chosen threshold {@code t}: the clip on {@code |x|}.
     *
     * @throws IllegalStateException if nothing was observed
     */
    public float threshold() {
        if (min > max) {
            throw new IllegalStateException("calculateQParams before any observe");
        }
        float absMax = Math.max(-min, max);
        int used = BINS;
        while (used > 0 && histogram[used - 1] == 0) {
            used--;
        }
        int levels = Math.min(BINS, 1 << (scheme.symmetric() || min < 0 ? bits - 1 : bits));
        double[] mass = new double[BINS];
        int[] nonEmpty = new int[BINS + 1];
        double[] entropy = new double[BINS + 1];
        double sum = 0;
        for (int k = 0; k < BINS; k++) {
            double h = histogram[k];
            sum += h;
            mass[k] = sum;
            nonEmpty[k + 1] = nonEmpty[k] + (h != 0 ? 1 : 0);
            entropy[k + 1] = entropy[k] + (h != 0 ? h * Math.log(h) : 0);
        }
        int best = used;
        double bestDivergence = Double.POSITIVE_INFINITY;
        for (int i = levels; i <= used; i++) {
            double d = divergence(i, levels, mass, nonEmpty, entropy);
            if (d < bestDivergence) {
                bestDivergence = d;
                best = i;
            }
        }
        return Math.min(absMax, (float) (best * (double) histogramMax / BINS));
    }

    /** The range around the {@link #threshold()}, per the class comment. */
    @Override
    public List<ClipRange> clipRanges() {
        float t = threshold();
        if (scheme.symmetric()) {
            return List.of(ClipRange.symmetric(t));
        }
        return List.of(new ClipRange(Math.max(Math.min(min, 0f), -t), Math.min(Math.max(max, 0f), t)));
    }

    /**
     * KL(P || Q) for the threshold at bin {@code i} in {@code O(levels)}, from prefix sums instead of the
     * distributions. With {@code pT}, {@code qT} the smoothed totals and {@code g_j} the value Q spreads over
     * group {@code j}'s non-empty bins ({@code eps} where the group holds only outliers), the sum over P's
     * non-empty bins {@code p_k/pT * log((p_k/pT) / (q_k/qT))} splits into {@code sum p_k log p_k} (a prefix
     * sum), {@code -(mass of P) * log(pT/qT)} and {@code -sum_j (P's mass in group j) * log g_j}; each of P's
     * empty bins, empty in Q too, adds {@code (eps/pT) log(qT/pT)}.
     *
     * @param mass     {@code mass[k]} = sum of {@code hist[0..k]}
     * @param nonEmpty {@code nonEmpty[k]} = number of non-empty bins among {@code hist[0..k-1]}
     * @param entropy  {@code entropy[k]} = sum of {@code h log h} over the non-empty {@code hist[0..k-1]}
     */
    private double divergence(int i, int levels, double[] mass, int[] nonEmpty, double[] entropy) {
        double total = mass[BINS - 1];
        // P's last bin also holds the outliers; Q keeps hist[0:i] only
        double last = total - (i == 1 ? 0 : mass[i - 2]);
        int lastNonEmpty = last != 0 ? 1 : 0;
        int pZeros = i - (nonEmpty[i - 1] + lastNonEmpty);
        double pTotal = total + SMOOTHING * pZeros;
        int merged = i / levels;
        double crossTerm = 0;
        int qZeros = 0;
        for (int j = 0; j < levels; j++) {
            int from = j * merged;
            int to = j == levels - 1 ? i : from + merged;
            int nonZero = to == i ? nonEmpty[i - 1] - nonEmpty[from] + lastNonEmpty : nonEmpty[to] - nonEmpty[from];
            double sum = mass[to - 1] - (from == 0 ? 0 : mass[from - 1]);
            double pMass = to == i ? sum - histogram[i - 1] + last : sum;
            qZeros += sum == 0 ? to - from : to - from - nonZero;
            if (pMass != 0) {
                crossTerm += pMass * Math.log(sum == 0 ? SMOOTHING : sum / nonZero);
            }
        }
        double qTotal = mass[i - 1] + SMOOTHING * qZeros;
        double pLogP = entropy[i - 1] + (last != 0 ? last * Math.log(last) : 0);
        double nonEmptyPart = (pLogP - total * Math.log(pTotal / qTotal) - crossTerm) / pTotal;
        return nonEmptyPart + pZeros * (SMOOTHING / pTotal) * Math.log(qTotal / pTotal);
    }
}
