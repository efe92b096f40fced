package dev.ablate.compress.prune;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CubicSparsityScheduleTest {

    @Test
    void followsZhuAndGuptasCubicRamp() {
        CubicSparsitySchedule s = new CubicSparsitySchedule(0.1, 0.9, 100);
        assertEquals(0.1, s.at(0), 1e-15);
        assertEquals(0.9 - 0.8 * 0.125, s.at(50), 1e-15);      // (1 - 1/2)^3
        assertEquals(0.9 - 0.8 * 0.421875, s.at(25), 1e-15);   // (1 - 1/4)^3
        assertEquals(0.9, s.at(100), 1e-15);
        assertEquals(0.9, s.at(250), 1e-15);                    // clamped after the ramp
        assertThrows(IllegalArgumentException.class, () -> new CubicSparsitySchedule(0.5, 0.4, 10));
    }
}
