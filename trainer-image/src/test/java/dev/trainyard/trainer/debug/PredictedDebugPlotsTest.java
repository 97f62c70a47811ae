package dev.trainyard.trainer.debug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainyard.trainer.data.ImageMeta;
import dev.trainyard.trainer.data.RgbImage;
import dev.trainyard.trainer.dataset.EncodedSample;
import dev.trainyard.trainer.decoder.Fields;
import dev.trainyard.trainer.decoder.HeadFields;
import dev.trainyard.trainer.head.CocoHeads;
import dev.trainyard.trainer.head.HeadMeta;
import dev.trainyard.trainer.transform.Normalize;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Predicted fields are drawn in the network input's pixels: a confident cell shows a strong overlay
 * and its vector, a cell below 0.5 a weaker overlay and no vector, the near-zero background
 * almost nothing.
 */
class PredictedDebugPlotsTest {

    private static final int WIDTH = 161;
    private static final int HEIGHT = 145;
    private static final float GREY = 128f;
    private static final int STRIDE = 8;
    private static final int FIELD = 5;
    private static final float BACKGROUND = 0.05f;
    /** Cell (6, 5), confidence 0.95, regresses the point two cells to its right: pixels (48, 40) to (64, 40). */
    private static final int[] CONFIDENT = {6, 5};
    /** Cell (14, 11), confidence 0.4, regresses the point 2.5 cells below it: pixels (112, 88) to (112, 108). */
    private static final int[] DOUBTFUL = {14, 11};

    @TempDir
    Path dir;

    /** cif, caf at stride 8: fields of 19 x 21 cells. */
    private final List<HeadMeta> heads = CocoHeads.keypoints(16, 16 / STRIDE, false);

    @Test
    void aConfidentCellDrawsOverlayAndVectorWhereADoubtfulOneDrawsOnlyAFainterOverlay() throws IOException {
        HeadFields cif = cifField();
        HeadFields caf = empty(heads.get(1));
        DebugPlots plots = new DebugPlots(dir, DebugIndex.parse(List.of("cif:" + FIELD), heads));
        List<Path> files = plots.writePredicted(input(), Fields.of(List.of(cif, caf)), heads, "person");

        assertEquals(List.of(dir.resolve("person-cif5.png")), files);
        BufferedImage png = ImageIO.read(files.getFirst().toFile());
        assertEquals(WIDTH, png.getWidth());
        assertEquals(DebugPlots.TITLE_HEIGHT + HEIGHT, png.getHeight());

        // the overlay's strength follows the confidence; pixels clear of the vectors and circles
        int confident = orange(png, 45, 37);
        int doubtful = orange(png, 109, 86);
        int background = orange(png, 20, 120);
        assertTrue(confident > doubtful + 50 && doubtful > background + 50 && background >= 0,
                "overlay strength " + confident + ", " + doubtful + ", " + background);

        // the confident cell's vector, from its centre to the regressed point
        for (int x = 50; x <= 60; x++) {
            assertTrue(isVector(png, x, 40), "no vector at (" + x + ", 40)");
        }
        assertTrue(!isVector(png, 44, 40) && !isVector(png, 72, 40), "vector beyond its ends");
        // nothing else draws a vector: the doubtful and background cells are below 0.5
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                boolean nearConfident = x >= 44 && x <= 70 && y >= 34 && y <= 46;
                assertTrue(nearConfident || !isVector(png, x, y), "vector at (" + x + ", " + y + ")");
            }
        }
    }

    /** cif field 5: a low background, one confident and one doubtful cell; other vectors point at their own cell. */
    private HeadFields cifField() {
        HeadMeta meta = heads.getFirst();
        HeadFields fields = empty(meta);
        int h = fields.height();
        int w = fields.width();
        float[] data = fields.data();
        int confidence = fields.plane(FIELD, fields.confidenceChannel());
        int vx = fields.plane(FIELD, fields.vectorChannel(0));
        int vy = vx + h * w;
        int scale = fields.plane(FIELD, fields.scaleChannel(0));
        for (int y = 0, i = 0; y < h; y++) {
            for (int x = 0; x < w; x++, i++) {
                data[confidence + i] = BACKGROUND;
                data[vx + i] = x;
                data[vy + i] = y;
                data[scale + i] = 1f;
            }
        }
        int c = CONFIDENT[1] * w + CONFIDENT[0];
        data[confidence + c] = 0.95f;
        data[vx + c] = CONFIDENT[0] + 2f;
        int d = DOUBTFUL[1] * w + DOUBTFUL[0];
        data[confidence + d] = 0.4f;
        data[vy + d] = DOUBTFUL[1] + 2.5f;
        return fields;
    }

    /** Zero fields of {@code meta} at stride 8 over the input. */
    private static HeadFields empty(HeadMeta meta) {
        int h = (HEIGHT - 1) / STRIDE + 1;
        int w = (WIDTH - 1) / STRIDE + 1;
        return new HeadFields(meta, h, w, new float[meta.nFields() * meta.predictionChannels() * h * w]);
    }

    private static EncodedSample input() {
        float[] pixels = new float[3 * WIDTH * HEIGHT];
        Arrays.fill(pixels, GREY);
        RgbImage image = new RgbImage(WIDTH, HEIGHT, pixels);
        return new EncodedSample(Normalize.networkInput(image), HEIGHT, WIDTH, List.of(),
                ImageMeta.of(0, 1, "person.jpg", WIDTH, HEIGHT));
    }

    /** Red minus blue at image point {@code (x, y)}: 0 on the plain grey, growing with the overlay's opacity. */
    private static int orange(BufferedImage png, int x, int y) {
        int[] c = rgb(png, x, y);
        assertTrue(c[0] >= c[1] && c[1] >= c[2], "not an orange tint at (" + x + ", " + y + "): " + Arrays.toString(c));
        return c[0] - c[2];
    }

    /** Whether image point {@code (x, y)} shows the cyan of the vectors (the overlay is never blue). */
    private static boolean isVector(BufferedImage png, int x, int y) {
        int[] c = rgb(png, x, y);
        return c[2] > c[0] + 40;
    }

    private static int[] rgb(BufferedImage png, int x, int y) {
        int argb = png.getRGB(x, DebugPlots.TITLE_HEIGHT + y);
        return new int[] {(argb >> 16) & 0xff, (argb >> 8) & 0xff, argb & 0xff};
    }
}
