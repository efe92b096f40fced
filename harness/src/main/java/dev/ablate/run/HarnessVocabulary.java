package dev.ablate.run;

import dev.ablate.compress.distill.TreeEnsemble;
import dev.ablate.compress.precision.TrainingFormat;
import dev.ablate.compress.prune.CriterionKind;
import dev.ablate.compress.prune.ScheduleKind;
import dev.ablate.compress.prune.StructureKind;
import dev.ablate.compress.quant.calibration.CalibrationMethod;
import dev.ablate.compress.quant.format.TensorFormats;
import dev.ablate.compress.quant.sim.ActivationFormat;
import dev.ablate.models.Architecture;
import dev.ablate.nn.OptimizerKind;
import dev.ablate.spec.Axis;
import dev.ablate.spec.Descriptor;
import dev.ablate.spec.Vocabulary;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The harness's {@link Vocabulary}: every axis's descriptors as their libraries register them. It is the one
 * place that knows which library owns which axis; registered as a service in
 * {@code META-INF/services/dev.ablate.spec.Vocabulary}.
 */
public final class HarnessVocabulary implements Vocabulary {

    private final Map<Axis, List<? extends Descriptor>> axes = new EnumMap<>(Axis.class);

    /** The vocabulary of the libraries on the class path (the service loader's constructor). */
    public HarnessVocabulary() {
        axes.put(Axis.ARCHITECTURE, List.of(Architecture.values()));
        axes.put(Axis.TEACHER_ARCHITECTURE, List.of(TreeEnsemble.values()));
        axes.put(Axis.OPTIMIZER, List.of(OptimizerKind.values()));
        axes.put(Axis.TRAINING_FORMAT, List.of(TrainingFormat.values()));
        axes.put(Axis.PRUNE_CRITERION, List.of(CriterionKind.values()));
        axes.put(Axis.PRUNE_STRUCTURE, List.of(StructureKind.values()));
        axes.put(Axis.PRUNE_SCHEDULE, List.of(ScheduleKind.values()));
        axes.put(Axis.WEIGHT_FORMAT, TensorFormats.ALL);
        axes.put(Axis.WEIGHT_CALIBRATION, CalibrationMethod.forWeights());
        axes.put(Axis.ACTIVATION_FORMAT, ActivationFormat.ALL);
        axes.put(Axis.ACTIVATION_CALIBRATION, CalibrationMethod.forActivations());
        for (Axis axis : Axis.values()) {
            if (!axes.containsKey(axis)) {
                throw new IllegalStateException("no library registers axis " + axis);
            }
        }
    }

    @Override
    public List<? extends Descriptor> descriptors(Axis axis) {
        return axes.get(axis);
    }
}
