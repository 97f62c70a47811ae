package dev.trainyard.trainer.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainyard.trainer.BadInputException;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class MultiLoaderTest {

    @Test
    void weightedCounterPicksTheLowestLoadedPerWeight() {
        // Weights 0.7/0.3 over 10 and 10 batches: n = floor(min(10/0.7, 10/0.3)) = 14 batches.
        List<Integer> order = MultiLoader.order(new int[] {10, 10}, new double[] {0.7, 0.3});
        assertEquals(List.of(0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 0, 1, 0, 0), order);
        assertEquals(10, Collections.frequency(order, 0));
    }

    @Test
    void tiesGoToTheLowerIndexAndEqualWeightsAlternate() {
        assertEquals(List.of(0, 1, 2, 0, 1, 2),
                MultiLoader.order(new int[] {2, 5, 9}, new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0}));
    }

    @Test
    void anEpochEndsWhenTheSmallestWeightedDatasetRunsOut() {
        // 3 batches at weight 0.5 allow 6 batches in all, though the other has 100.
        List<Integer> order = MultiLoader.order(new int[] {100, 3}, new double[] {0.5, 0.5});
        assertEquals(6, order.size());
        assertEquals(3, Collections.frequency(order, 1));
        assertEquals(1, MultiLoader.order(new int[] {1}, new double[] {1}).size());
    }

    @Test
    void datasetWeightsAreResolvedAsTheReference() {
        assertArrayEquals(new double[] {0.5, 0.5}, DatasetWeights.resolve(List.of(), List.of("a", "b")), 1e-12);
        assertArrayEquals(new double[] {0.7, 0.3}, DatasetWeights.resolve(List.of(0.7), List.of("a", "b")), 1e-12);
        assertArrayEquals(new double[] {0.75, 0.25}, DatasetWeights.resolve(List.of(3.0, 1.0), List.of("a", "b")), 1e-12);
        BadInputException count = assertThrows(BadInputException.class,
                () -> DatasetWeights.resolve(List.of(1.0, 2.0, 3.0), List.of("cocokp", "cocodet")));
        assertTrue(count.getMessage().contains("3 values for 2 datasets"), count.getMessage());
        BadInputException negative = assertThrows(BadInputException.class,
                () -> DatasetWeights.resolve(List.of(1.5), List.of("cocokp", "cocodet")));
        assertTrue(negative.getMessage().contains("cocodet") && negative.getMessage().contains("positive"),
                negative.getMessage());
    }

    @Test
    void datasetNamesAreCheckedAgainstTheRegistry() {
        assertEquals(List.of("cocokp"), DataModules.parse("cocokp", DataModules.names()));
        BadInputException unknown = assertThrows(BadInputException.class,
                () -> DataModules.parse("cocokp-nope", DataModules.names()));
        assertTrue(unknown.getMessage().contains("unknown dataset 'nope'"), unknown.getMessage());
        assertThrows(BadInputException.class, () -> DataModules.parse("cocokp-cocokp", DataModules.names()));
        assertTrue(DataModules.names().contains("cocokp"));
    }
}
