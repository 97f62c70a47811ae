package dev.trainyard.trainer.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainyard.trainer.data.Annotation;
import dev.trainyard.trainer.data.ImageMeta;
import dev.trainyard.trainer.data.RgbImage;
import dev.trainyard.trainer.data.Sample;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MinSizeTest {

    private static Annotation box(long id, float width, float height) {
        return new Annotation(id, 3, new float[0], new float[] {10, 10, width, height}, false, width * height);
    }

    @Test
    void boxesNotLargerThanTheMinSideOnBothSidesBecomeCrowds() {
        List<Annotation> anns = List.of(box(1, 10, 10), box(2, 4, 10), box(3, 10, 4), box(4, 4.01f, 4.01f), box(5, 0, 0));
        Sample sample = new Sample(new RgbImage(32, 32), anns, ImageMeta.of(0, 1, "a.jpg", 32, 32));

        Sample out = new MinSize(4.0).apply(sample, new SplittableRandom(1));

        List<Boolean> crowd = out.annotations().stream().map(Annotation::crowd).toList();
        assertEquals(List.of(false, true, true, false, true), crowd);
        assertSame(anns.getFirst(), out.annotations().getFirst(), "large enough: untouched");
        Annotation small = out.annotations().get(1);
        assertEquals(2, small.id());
        assertEquals(anns.get(1).bbox()[2], small.bbox()[2], "only the crowd flag changes");
        assertSame(sample.image(), out.image());
        assertSame(sample.meta(), out.meta());
    }

    @Test
    void crowdsStayCrowds() {
        Annotation crowd = new Annotation(1, 1, new float[0], new float[] {0, 0, 50, 50}, true, 2500);
        Sample sample = new Sample(new RgbImage(8, 8), List.of(crowd), ImageMeta.of(0, 1, "a.jpg", 8, 8));

        Annotation out = new MinSize(4.0).apply(sample, new SplittableRandom(1)).annotations().getFirst();

        assertTrue(out.crowd());
        assertFalse(new MinSize(4.0).apply(sample.withAnnotations(List.of(box(2, 5, 5))), new SplittableRandom(1))
                .annotations().getFirst().crowd());
    }
}
