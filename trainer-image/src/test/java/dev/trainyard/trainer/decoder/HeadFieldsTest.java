package dev.trainyard.trainer.decoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.trainyard.trainer.encoder.FieldTargets;
import dev.trainyard.trainer.head.CafMeta;
import dev.trainyard.trainer.head.CifDetMeta;
import dev.trainyard.trainer.head.CifMeta;
import dev.trainyard.trainer.head.CocoHeads;
import dev.trainyard.trainer.head.HeadMeta;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeadFieldsTest {

    private static final List<HeadMeta> KP = CocoHeads.keypoints(16, 1, false);
    private static final CifMeta CIF = (CifMeta) KP.get(0);
    private static final CafMeta CAF = (CafMeta) KP.get(1);
    private static final CifDetMeta DET = (CifDetMeta) CocoHeads.detection(16, 1).getFirst();

    @Test
    void rawOutputsGetTheReferenceEvalActivations() {
        int h = 2;
        int w = 3;
        float[] raw = new float[CIF.nFields() * 5 * h * w];
        Arrays.fill(raw, 0.25f);
        HeadFields fields = HeadFields.fromRaw(CIF, h, w, raw);

        int cell = 1 * w + 2;
        assertEquals(0.25f, fields.data()[fields.plane(3, 0) + cell], "w stays raw");
        assertEquals(1.0 / (1.0 + Math.exp(-0.25)), fields.data()[fields.plane(3, 1) + cell], 1e-7);
        assertEquals(2.25f, fields.data()[fields.plane(3, fields.vectorChannel(0)) + cell], "x plus the column");
        assertEquals(1.25f, fields.data()[fields.plane(3, fields.vectorChannel(0) + 1) + cell], "y plus the row");
        assertEquals(Math.log1p(Math.exp(0.25)), fields.data()[fields.plane(3, fields.scaleChannel(0)) + cell], 1e-7);
        assertEquals(4, fields.scaleChannel(0));
        assertEquals(25.0f, HeadFields.softplus(25.0f), "linear above 20, as PyTorch");
        assertEquals(Math.exp(-30), HeadFields.softplus(-30.0f), 1e-20);
    }

    @Test
    void cafAndCifDetVectorsFollowTheReferenceOffsets() {
        float[] caf = new float[CAF.nFields() * 8 * 2 * 2];
        HeadFields cafFields = HeadFields.fromRaw(CAF, 2, 2, caf);
        assertEquals(1.0f, cafFields.data()[cafFields.plane(0, 4) + 3], "second joint's x offset by the column");
        assertEquals(Math.log(2), cafFields.data()[cafFields.plane(0, 7) + 3], 1e-7);

        float[] det = new float[DET.nFields() * 6 * 2 * 2];
        Arrays.fill(det, 3.0f);
        HeadFields detFields = HeadFields.fromRaw(DET, 2, 2, det);
        assertEquals(4.0f, detFields.data()[detFields.plane(5, 2) + 3], "the centre gets the column");
        assertEquals(3.0f, detFields.data()[detFields.plane(5, 4) + 3], "the box width does not");
        assertEquals(3.0f, detFields.data()[detFields.plane(5, 5) + 3], "nor the height");
    }

    @Test
    void targetsBecomeGroundTruthFields() {
        int h = 2;
        int w = 2;
        float[] data = new float[CIF.nFields() * CIF.targetChannels() * h * w];
        Arrays.fill(data, Float.NaN);
        FieldTargets targets = new FieldTargets(CIF, h, w, data);
        // field 0: cell (1, 0) positive with a scale, cell (0, 1) positive without, cell (1, 1) background
        data[targets.index(0, 0, 0, 1)] = 1.0f;
        data[targets.index(0, 1, 0, 1)] = 0.5f;
        data[targets.index(0, 2, 0, 1)] = -0.25f;
        data[targets.index(0, 4, 0, 1)] = 2.0f;
        data[targets.index(0, 0, 1, 0)] = 1.0f;
        data[targets.index(0, 1, 1, 0)] = 0.0f;
        data[targets.index(0, 2, 1, 0)] = 0.0f;
        data[targets.index(0, 0, 1, 1)] = 0.0f;

        HeadFields fields = HeadFields.fromTargets(targets);
        float[] c = plane(fields, 0, 1);
        float[] x = plane(fields, 0, 2);
        float[] y = plane(fields, 0, 3);
        float[] s = plane(fields, 0, 4);
        assertArrayEquals(new float[] {0, 1, 1, 0}, c, "1 where positive, 0 where background or ignored");
        assertArrayEquals(new float[] {0, 1.5f, 0, 1}, x, "cell + offset; the cell where undefined");
        assertArrayEquals(new float[] {0, -0.25f, 1, 1}, y);
        assertArrayEquals(new float[] {0, 2, HeadFields.MISSING_TARGET_SCALE, 0}, s);
        assertArrayEquals(new float[] {0, 0, 0, 0}, plane(fields, 0, 0), "no spread");
    }

    @Test
    void aBatchSplitsIntoImagesAndConvertsOnlyTheUsedHeads() {
        int h = 3;
        int w = 4;
        try (NDManager manager = NDManager.newBaseManager()) {
            int cifSize = CIF.nFields() * 5 * h * w;
            int cafSize = CAF.nFields() * 8 * h * w;
            float[] cif = new float[2 * cifSize];
            float[] caf = new float[2 * cafSize];
            for (int i = 0; i < cif.length; i++) {
                cif[i] = (i % 97) / 50.0f - 1;
            }
            NDList outputs = new NDList(
                    manager.create(cif, new Shape(2, CIF.nFields(), 5, h, w)),
                    manager.create(caf, new Shape(2, CAF.nFields(), 8, h, w)));

            List<Fields> images = Fields.ofBatch(outputs, KP, List.of(0));
            outputs.close();

            assertEquals(2, images.size());
            float[] second = Arrays.copyOfRange(cif, cifSize, 2 * cifSize);
            assertArrayEquals(HeadFields.fromRaw(CIF, h, w, second).data(), images.get(1).head(0).data());
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> images.get(0).head(1));
            assertEquals("head 1 (cocokp.caf) was not copied from the network output", e.getMessage());
        }
    }

    private static float[] plane(HeadFields fields, int field, int channel) {
        int at = fields.plane(field, channel);
        return Arrays.copyOfRange(fields.data(), at, at + fields.height() * fields.width());
    }
}
