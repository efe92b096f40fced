/**
 * Knowledge distillation (Hinton et al. 2015, "Distilling the Knowledge in a Neural Network"): a student
 * network is trained on a blend of the labels and a teacher's softened class probabilities.
 *
 * <p>A {@link dev.ablate.compress.distill.Teacher} (a zoo network, or a Tribuo random forest or XGBoost
 * ensemble, made by {@link dev.ablate.compress.distill.Teachers}) is trained once and turned into
 * {@link dev.ablate.compress.distill.SoftTargets}: its log-probabilities for every training example, a value
 * that can be cached as bytes and averaged over teacher ensembles. {@link dev.ablate.compress.distill.KdLoss}
 * is the {@link dev.ablate.nn.Objective} the student's {@link dev.ablate.nn.Trainer} minimizes, looking the
 * teacher's row up by example index. Knows nothing of Spark or the spec files.
 */
package dev.ablate.compress.distill;
