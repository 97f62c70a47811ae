package dev.trainyard.trainer.head;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class HeadMetaTest {

    @Test
    void cocoKeypointHeadsHaveTheReferenceChannelLayout() {
        List<HeadMeta> heads = CocoHeads.keypoints(16, 1, false);
        HeadMeta cif = heads.get(0);
        HeadMeta caf = heads.get(1);
        assertEquals("cocokp.cif", cif.fullName());
        assertEquals(17, cif.nFields());
        assertEquals(5, cif.predictionChannels()); // w, c, dx, dy, s
        assertEquals(5, cif.targetChannels()); // c, dx, dy, bmin, scale
        assertEquals("cocokp.caf", caf.fullName());
        assertEquals(19, caf.nFields());
        assertEquals(8, caf.predictionChannels()); // w, c, dx1, dy1, dx2, dy2, s1, s2
        assertEquals(9, caf.targetChannels()); // c, 2 vectors, 2 bmins, 2 scales
    }

    @Test
    void denseHeadHasTheTwentyFiveConnectionsNotInTheSparseSkeleton() {
        CafMeta dense = (CafMeta) CocoHeads.keypoints(16, 1, true).get(2);
        assertEquals("caf25", dense.name());
        assertEquals(25, dense.nFields());
        assertTrue(dense.dense());
        assertTrue(dense.onlyInFieldOfView());
        assertEquals(44, CocoConstants.DENSER_SKELETON.size());
        for (Connection c : dense.skeleton()) {
            assertFalse(CocoConstants.SKELETON.contains(c), c.toString());
        }
    }

    @Test
    void cifDetHasSixPredictionAndSevenTargetChannels() {
        HeadMeta det = CocoHeads.detection(16, 1).get(0);
        assertEquals(6, det.predictionChannels()); // w, c, dx, dy, W, H
        assertEquals(7, det.targetChannels()); // c, dx, dy, W, H, bmin_reg, bmin_wh
        assertEquals(91, det.nFields());
    }

    @Test
    void strideIsBaseStrideOverUpsample() {
        HeadMeta cif = CocoHeads.keypoints(16, 2, false).get(0);
        assertEquals(8, cif.stride());
        assertEquals(49, cif.fieldSize(385));
        assertEquals(17, cif.fieldSize(129));
        assertEquals(25, cif.withStrides(16, 1).fieldSize(385));
        assertThrows(IllegalArgumentException.class, () -> cif.withStrides(16, 3));
    }

    @Test
    void hflipPermutationSwapsLeftAndRight() {
        int[] p = CocoConstants.hflipPermutation(CocoConstants.KEYPOINTS, CocoConstants.HFLIP);
        assertEquals(0, p[0]); // nose stays
        assertEquals(2, p[1]); // left_eye -> right_eye
        assertEquals(15, p[16]); // right_ankle -> left_ankle
        for (int i = 0; i < p.length; i++) {
            assertEquals(i, p[p[i]]);
        }
    }
}
