package dev.ablate.spec;

import java.util.List;
import java.util.Objects;

/**
 * The {@code compress.distill} step: the trial's model is trained as a student of one teacher, or of an
 * ensemble whose soft targets are the mean of its members' class probabilities.
 *
 * @param teachers the teacher, or the members of a teacher ensemble (at least one)
 * @param kd       temperature and soft-target weight of the loss
 */
public record DistillConfig(List<TeacherConfig> teachers, KdParams kd) {
    public DistillConfig {
        teachers = List.copyOf(teachers);
        Objects.requireNonNull(kd, "kd");
        if (teachers.isEmpty()) {
            throw new IllegalArgumentException("compress.distill needs at least one teacher");
        }
    }
}
