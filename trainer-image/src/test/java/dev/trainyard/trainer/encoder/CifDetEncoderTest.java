package dev.trainyard.trainer.encoder;

import static dev.trainyard.trainer.encoder.CifDetEncoder.BMIN_REG;
import static dev.trainyard.trainer.encoder.CifDetEncoder.BMIN_WH;
import static dev.trainyard.trainer.encoder.CifDetEncoder.C;
import static dev.trainyard.trainer.encoder.CifDetEncoder.DX;
import static dev.trainyard.trainer.encoder.CifDetEncoder.DY;
import static dev.trainyard.trainer.encoder.CifDetEncoder.H;
import static dev.trainyard.trainer.encoder.CifDetEncoder.W;
import static dev.trainyard.trainer.encoder.CifEncoderTest.positives;
import static dev.trainyard.trainer.encoder.EncoderSamples.sample;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainyard.trainer.data.Annotation;
import dev.trainyard.trainer.head.CifDetMeta;
import dev.trainyard.trainer.head.CocoHeads;
import org.junit.jupiter.api.Test;

class CifDetEncoderTest {

    private static final int CAR_CATEGORY = 3;
    private static final int CAR = CAR_CATEGORY - 1;
    private static final CifDetMeta META = (CifDetMeta) CocoHeads.detection(16, 1).getFirst();

    private static FieldTargets encode(Annotation... annotations) {
        return new CifDetEncoder(META, CifDetEncoder.DEFAULT_BMIN).encode(sample(161, 161, annotations));
    }

    private static Annotation box(int category, float x, float y, float width, float height, boolean crowd) {
        return new Annotation(0, category, new float[0], new float[] {x, y, width, height}, crowd, width * height);
    }

    @Test
    void boxCentreGetsA5x5PatchWithIgnoredCorners() {
        // bbox cells (3, 2.5) size 4 x 2: centre (5, 3.5), patch origin rint(3) = 3, rint(1.5) = 2
        FieldTargets t = encode(box(CAR_CATEGORY, 48, 40, 64, 32, false));

        assertArrayEquals(new long[] {91, 7, 11, 11}, t.shape());
        int core = 0;
        for (int y = 0; y < 11; y++) {
            for (int x = 0; x < 11; x++) {
                String cell = "cell " + x + "," + y;
                if (x >= 3 && x <= 7 && y >= 2 && y <= 6) {
                    double distance = Math.hypot(5.0 - x, 3.5 - y);
                    if (distance > 2.0) {
                        assertTrue(Float.isNaN(t.get(CAR, C, y, x)), cell + " is fringe");
                    } else {
                        assertEquals(1.0f, t.get(CAR, C, y, x), cell);
                        core++;
                    }
                    assertEquals(5.0f - x, t.get(CAR, DX, y, x), cell);
                    assertEquals(3.5f - y, t.get(CAR, DY, y, x), cell);
                    assertEquals(4.0f, t.get(CAR, W, y, x), cell);
                    assertEquals(2.0f, t.get(CAR, H, y, x), cell);
                    assertEquals(0.1f, t.get(CAR, BMIN_REG, y, x), 1e-7f, "0.1 x half the short side");
                    assertEquals(0.1f, t.get(CAR, BMIN_WH, y, x), 1e-7f);
                } else {
                    assertEquals(0.0f, t.get(CAR, C, y, x), cell);
                    assertTrue(Float.isNaN(t.get(CAR, W, y, x)), cell);
                }
            }
        }
        assertEquals(core, positives(t, CAR));
        assertEquals(12, core);
        for (int f = 0; f < 91; f++) {
            if (f != CAR) {
                assertEquals(0, positives(t, f), "field " + f);
            }
        }
    }

    @Test
    void smallBoxesUseTheOnePixelBminFloor() {
        FieldTargets t = encode(box(CAR_CATEGORY, 80, 80, 8, 8, false));

        assertEquals(1.0f / 16, t.get(CAR, BMIN_REG, 5, 5));
        assertEquals(1.0f / 16, t.get(CAR, BMIN_WH, 5, 5));
    }

    @Test
    void crowdsAreIgnoredOnlyInTheirCategory() {
        // crowd cells [4, 6] expanded by 2: int(2) = 2 to ceil(8) + 1 = 9 exclusive
        FieldTargets t = encode(box(CAR_CATEGORY, 64, 64, 32, 32, true));

        assertEquals(0.0f, t.get(CAR, C, 5, 1));
        assertTrue(Float.isNaN(t.get(CAR, C, 5, 2)));
        assertTrue(Float.isNaN(t.get(CAR, C, 5, 8)));
        assertEquals(0.0f, t.get(CAR, C, 5, 9));
        assertEquals(0.0f, t.get(0, C, 5, 5), "persons are not ignored under a crowd of cars");
    }

    @Test
    void theNearestBoxCentreWinsEachCell() {
        FieldTargets t = encode(box(CAR_CATEGORY, 48, 48, 32, 32, false), box(CAR_CATEGORY, 96, 48, 32, 32, false));

        // centres (4, 4) and (7, 4)
        assertEquals(-1.0f, t.get(CAR, DX, 4, 5));
        assertEquals(1.0f, t.get(CAR, DX, 4, 6));
        assertEquals(2.0f, t.get(CAR, W, 4, 6));
    }

    @Test
    void boxesWithoutAreaAndUnknownCategoriesAreRejected() {
        var empty = assertThrows(IllegalArgumentException.class, () -> encode(box(CAR_CATEGORY, 10, 10, 0, 5, false)));
        var unknown = assertThrows(IllegalArgumentException.class, () -> encode(box(92, 10, 10, 5, 5, false)));

        assertTrue(empty.getMessage().contains("positive width and height"), empty.getMessage());
        assertTrue(unknown.getMessage().contains("category 92"), unknown.getMessage());
    }
}
