package dev.ablate.compress.distill;

import dev.ablate.models.ModelZoo;
import dev.ablate.spec.ModelConfig;
import dev.ablate.spec.TeacherConfig;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.classification.dtree.CARTClassificationTrainer;
import org.tribuo.classification.ensemble.FullyWeightedVotingCombiner;
import org.tribuo.classification.xgboost.XGBoostClassificationTrainer;
import org.tribuo.common.tree.RandomForestTrainer;
import org.tribuo.common.xgboost.XGBoostTrainer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Makes the {@link Teacher} a {@link TeacherConfig} describes, by {@code model.arch}:
 * <ul>
 *   <li>any {@link ModelZoo#ARCHITECTURES zoo network}: built and trained as a trial's model is, with
 *       {@code train};</li>
 *   <li>{@value #RANDOM_FOREST}: Tribuo's {@link RandomForestTrainer} of {@code model.trees} CART trees of depth
 *       at most {@code model.max_depth}, each split choosing among √d of the d features (Breiman 2001; scikit-learn's
 *       default), bootstrap samples, and class probabilities averaged over the trees
 *       ({@link FullyWeightedVotingCombiner}, as scikit-learn's {@code predict_proba}) rather than vote counts, so
 *       the targets keep each tree's uncertainty;</li>
 *   <li>{@value #XGBOOST}: Tribuo's {@link XGBoostClassificationTrainer}, {@code model.trees} boosting rounds of
 *       depth at most {@code model.max_depth}, XGBoost's defaults otherwise (eta 0.3, λ 1), the {@code hist} tree
 *       method, one thread.</li>
 * </ul>
 * Tree ensembles ignore {@code train}; both are seeded with the teacher's seed.
 *
 * <p>Tree teachers are costly on image-sized data. Measured on Fashion-MNIST's 55000 × 784 training split, one
 * core: converting to Tribuo examples takes about 12 s and 525 MB; XGBoost about 9 s per round at depth 8
 * (10 rounds: 100 s, test accuracy 0.865); the random forest about 35 s per tree at depth 8 (5 trees: 190 s,
 * test accuracy 0.80), because Tribuo's CART sorts every feature for each tree, not only the sampled ones. So
 * 50 trees of depth 8 take about 7 minutes (XGBoost) and half an hour (random forest) there.
 */
public final class Teachers {

    /** {@code model.arch} of a random-forest teacher. */
    public static final String RANDOM_FOREST = "random-forest";
    /** {@code model.arch} of a gradient-boosted-trees teacher. */
    public static final String XGBOOST = "xgboost";
    /** The tree-ensemble architectures: they take {@code model.trees} and {@code model.max_depth}. */
    public static final List<String> TREE_ARCHITECTURES = Arrays.stream(TreeEnsemble.values())
            .map(TreeEnsemble::specName).toList();

    private Teachers() {
    }

    /**
     * @throws IllegalArgumentException if {@code model.arch} is neither a zoo network nor a tree ensemble, a tree
     *                                  ensemble has fewer than one tree or a depth below 1 or is given network keys
     *                                  ({@code hidden}, {@code dropout}, {@code batch_norm}, {@code width}), or a
     *                                  network is given tree keys; each message names the key
     */
    public static Teacher create(TeacherConfig cfg) {
        ModelConfig m = cfg.model();
        Optional<TreeEnsemble> ensemble = TreeEnsemble.of(m.arch());
        if (ensemble.isPresent()) {
            checkTreeConfig(m);
            int trees = m.trees();
            int depth = m.maxDepth();
            return switch (ensemble.get()) {
                case RANDOM_FOREST -> new TribuoTeacher((features, seed) -> randomForest(trees, depth, features, seed));
                case XGBOOST -> new TribuoTeacher((features, seed) -> xgboost(trees, depth, seed));
            };
        }
        if (!ModelZoo.ARCHITECTURES.contains(m.arch())) {
            List<String> valid = new ArrayList<>(ModelZoo.ARCHITECTURES);
            valid.addAll(TREE_ARCHITECTURES);
            throw new IllegalArgumentException("model.arch: unknown teacher architecture '" + m.arch() + "' (valid: "
                    + String.join(", ", valid) + ")");
        }
        if (m.trees() != 0 || m.maxDepth() != 0) {
            throw new IllegalArgumentException("model.trees/model.max_depth: only tree ensembles ("
                    + String.join(", ", TREE_ARCHITECTURES) + ") take them, but " + m.arch() + " was given trees="
                    + m.trees() + ", max_depth=" + m.maxDepth());
        }
        return new NetworkTeacher(m, cfg.train());
    }

    private static void checkTreeConfig(ModelConfig m) {
        if (m.trees() < 1) {
            throw new IllegalArgumentException("model.trees: " + m.arch() + " needs at least 1 tree, got " + m.trees());
        }
        if (m.maxDepth() < 1) {
            throw new IllegalArgumentException("model.max_depth: " + m.arch() + " needs a depth of at least 1, got "
                    + m.maxDepth());
        }
        if (!m.hidden().isEmpty() || m.dropout() != 0 || m.batchNorm() || m.width() != 1.0) {
            throw new IllegalArgumentException("model.hidden/model.dropout/model.batch_norm/model.width: " + m.arch()
                    + " is not a network and takes none of them, but was given hidden=" + m.hidden() + ", dropout="
                    + m.dropout() + ", batch_norm=" + m.batchNorm() + ", width=" + m.width());
        }
    }

    private static Trainer<Label> randomForest(int trees, int maxDepth, int features, long seed) {
        if (features < 2) {
            throw new IllegalArgumentException(RANDOM_FOREST + " needs at least 2 features to sample splits from, "
                    + "got " + features);
        }
        float fraction = (float) (Math.sqrt(features) / features);
        CARTClassificationTrainer tree = new CARTClassificationTrainer(maxDepth, fraction, false, seed);
        return new RandomForestTrainer<>(tree, new FullyWeightedVotingCombiner(), trees, seed);
    }

    private static Trainer<Label> xgboost(int rounds, int maxDepth, long seed) {
        return new XGBoostClassificationTrainer(XGBoostTrainer.BoosterType.GBTREE, XGBoostTrainer.TreeMethod.HIST,
                rounds, 0.3, 0, maxDepth, 1, 1, 1, 1, 0, 1, XGBoostTrainer.LoggingVerbosity.SILENT, seed);
    }
}
