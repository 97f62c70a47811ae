package dev.trainyard.trainer.dist;

import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

class SingleProcessTest {

    @Test
    void isRankZeroOfOne() {
        try (Collective c = new SingleProcess()) {
            assertEquals(0, c.rank());
            assertEquals(1, c.size());
            assertEquals(0, c.localRank());
            assertFalse(c.isDistributed());
        }
    }

    @Test
    void collectivesLeaveTheDataAsItIs() {
        try (Arena arena = Arena.ofConfined(); Collective c = new SingleProcess()) {
            MemorySegment buffer = arena.allocateFrom(JAVA_FLOAT, 1f, 2f, 3f);
            float[] floats = {4f, 5f};
            double[] doubles = {6.0, 7.0};

            c.allReduceSum(buffer, 3);
            c.broadcast(buffer, 2, 0);
            c.allReduceSum(floats);
            c.allReduceSum(doubles);
            c.barrier();

            assertArrayEquals(new float[] {1f, 2f, 3f}, buffer.toArray(JAVA_FLOAT));
            assertArrayEquals(new float[] {4f, 5f}, floats);
            assertArrayEquals(new double[] {6.0, 7.0}, doubles);
        }
    }

    @Test
    void rejectsWhatAJobWouldReject() {
        try (Arena arena = Arena.ofConfined(); Collective c = new SingleProcess()) {
            MemorySegment buffer = arena.allocate(JAVA_FLOAT, 3);

            assertThrows(IllegalArgumentException.class, () -> c.allReduceSum(buffer, 4));
            assertThrows(IllegalArgumentException.class, () -> c.allReduceSum(buffer, -1));
            assertThrows(IllegalArgumentException.class, () -> c.allReduceSum(MemorySegment.ofArray(new float[3]), 3));
            assertThrows(IllegalArgumentException.class, () -> c.broadcast(buffer, 3, 1));
        }
    }
}
