package dev.trainyard.trainer.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SequencedMap;
import org.junit.jupiter.api.Test;

/** The replica check over ranks that are threads: every rank reaches the same verdict. */
class ReplicaCheckTest {

    @Test
    void identicalWeightsPassAndOneChangedBitFailsOnEveryRank() throws Exception {
        List<String> verdicts = ThreadGroup.withMembers(3, collective -> {
            try (NDManager manager = NDManager.newBaseManager()) {
                SequencedMap<String, NDArray> arrays = new LinkedHashMap<>();
                arrays.put("conv.weight", manager.create(new float[] {1, 2, 3, 4}));
                arrays.put("bn.running_mean", manager.create(new float[] {0.5f, -0.5f}));
                ReplicaCheck.verify(collective, arrays, "after step 1");
                if (collective.rank() == 2) {
                    // the smallest change there is: one unit in the last place
                    arrays.get("bn.running_mean").set(new float[] {Math.nextUp(0.5f), -0.5f});
                }
                try {
                    ReplicaCheck.verify(collective, arrays, "after step 2");
                    return "passed";
                } catch (ReplicasDivergedException e) {
                    return e.getMessage();
                }
            }
        });

        for (int r = 0; r < 3; r++) {
            assertEquals("rank " + r + " of 3: the processes' weights differ after step 2: 1 of 2 arrays"
                    + " (first bn.running_mean), 1 process(es) disagree with rank 0", verdicts.get(r));
        }
    }
}
