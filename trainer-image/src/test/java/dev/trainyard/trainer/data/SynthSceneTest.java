package dev.trainyard.trainer.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainyard.trainer.data.StickFigure.Facing;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** What a synthetic person's labels mean: left and right, visibility, occlusion and framing. */
class SynthSceneTest {

    private static final int NOSE = 0;
    private static final int LEFT_SHOULDER = 5;
    private static final int RIGHT_SHOULDER = 6;
    private static final int LEFT_HIP = 11;
    private static final int RIGHT_HIP = 12;
    private static final ImageSizeRange SMALL = ImageSizeRange.parse("160x120-320x240");

    private static StickFigure figure(SplittableRandom rng, double height, double x, double y, Facing facing,
            double fadeChance) {
        return StickFigure.random(rng, height, x, y, facing, FigureLook.random(rng), fadeChance);
    }

    @Test
    void frontFacingFiguresShowTheirLeftSideOnTheImageRight() {
        SplittableRandom rng = new SplittableRandom(3);
        for (int i = 0; i < 300; i++) {
            StickFigure f = figure(rng, 200, 320, 240, Facing.FRONT, 0.15);
            assertTrue(f.x(LEFT_SHOULDER) > f.x(RIGHT_SHOULDER), "shoulders of figure " + i);
            assertTrue(f.x(LEFT_HIP) > f.x(RIGHT_HIP), "hips of figure " + i);
        }
    }

    @Test
    void backFacingFiguresShowTheirLeftSideOnTheImageLeft() {
        SplittableRandom rng = new SplittableRandom(4);
        for (int i = 0; i < 300; i++) {
            StickFigure f = figure(rng, 200, 320, 240, Facing.BACK, 0.15);
            assertTrue(f.x(LEFT_SHOULDER) < f.x(RIGHT_SHOULDER), "shoulders of figure " + i);
            assertTrue(f.x(LEFT_HIP) < f.x(RIGHT_HIP), "hips of figure " + i);
        }
    }

    @Test
    void annotatedShouldersFollowTheFacingInGeneratedImages() {
        int front = 0;
        int back = 0;
        for (int i = 0; i < 40; i++) {
            for (SyntheticScene.Person p : SyntheticPeople.scene(11, SyntheticPeople.Split.TRAIN, i, SMALL).people()) {
                float[] k = p.keypoints();
                if (k[3 * LEFT_SHOULDER + 2] == 0 || k[3 * RIGHT_SHOULDER + 2] == 0) {
                    continue;
                }
                float leftMinusRight = k[3 * LEFT_SHOULDER] - k[3 * RIGHT_SHOULDER];
                switch (p.facing()) {
                    case FRONT -> {
                        assertTrue(leftMinusRight > 0, "front-facing person in image " + i);
                        front++;
                    }
                    case BACK -> {
                        assertTrue(leftMinusRight < 0, "back-facing person in image " + i);
                        back++;
                    }
                    case SIDE -> { }
                }
            }
        }
        assertTrue(front > 10 && back > 5, front + " front, " + back + " back");
    }

    @Test
    void scenesVaryInPeopleOrientationScaleVisibilityAndCrowds() {
        Set<Facing> facings = EnumSet.noneOf(Facing.class);
        int[] flags = new int[3];
        int crowds = 0;
        int maxPeople = 0;
        double smallest = 1;
        double largest = 0;
        for (int i = 0; i < 60; i++) {
            SyntheticScene scene = SyntheticPeople.scene(5, SyntheticPeople.Split.VAL, i, SMALL);
            int height = scene.image().getHeight();
            crowds += scene.crowds().size();
            maxPeople = Math.max(maxPeople, scene.people().size());
            for (SyntheticScene.Person p : scene.people()) {
                facings.add(p.facing());
                for (int k = 0; k < 17; k++) {
                    flags[(int) p.keypoints()[3 * k + 2]]++;
                }
                smallest = Math.min(smallest, p.bbox()[3] / height);
                largest = Math.max(largest, p.bbox()[3] / height);
            }
        }
        assertEquals(EnumSet.allOf(Facing.class), facings);
        assertTrue(flags[0] > 0 && flags[1] > 0 && flags[2] > flags[1], "v = 0/1/2: " + List.of(flags[0], flags[1], flags[2]));
        assertTrue(crowds > 0);
        assertTrue(maxPeople >= 4, "at most " + maxPeople + " people");
        assertTrue(smallest < 0.25 && largest > 0.7, "heights " + smallest + " to " + largest + " of the image");
    }

    @Test
    void aPersonDrawnOverAnotherHidesTheCoveredKeypoints() {
        SplittableRandom rng = new SplittableRandom(8);
        StickFigure far = figure(rng, 120, 150, 170, Facing.FRONT, 0);
        StickFigure near = figure(rng, 260, 150, 180, Facing.FRONT, 0);
        SyntheticScene scene = SyntheticScene.drawPeople(new Canvas(300, 300), List.of(), List.of(far, near));

        Shape.ConvexPolygon torso = near.parts().stream()
                .map(StickFigure.Part::shape)
                .filter(Shape.ConvexPolygon.class::isInstance)
                .map(Shape.ConvexPolygon.class::cast)
                .findFirst()
                .orElseThrow();
        float[] covered = scene.people().get(0).keypoints();
        int checked = 0;
        for (int k = 0; k < 17; k++) {
            if (insideBy(torso, far.x(k), far.y(k), 1.5)) {
                assertEquals(1f, covered[3 * k + 2], "keypoint " + k + " behind the near person's torso");
                checked++;
            }
        }
        assertTrue(checked >= 2, checked + " keypoints behind the torso");
    }

    private static boolean insideBy(Shape.ConvexPolygon polygon, double x, double y, double margin) {
        double[] xs = polygon.xs();
        double[] ys = polygon.ys();
        int n = xs.length;
        double area2 = 0;
        for (int i = 0; i < n; i++) {
            area2 += xs[i] * ys[(i + 1) % n] - xs[(i + 1) % n] * ys[i];
        }
        for (int i = 0; i < n; i++) {
            int j = (i + 1) % n;
            double ex = xs[j] - xs[i];
            double ey = ys[j] - ys[i];
            double inward = Math.signum(area2) * (ex * (y - ys[i]) - ey * (x - xs[i])) / Math.hypot(ex, ey);
            if (inward < margin) {
                return false;
            }
        }
        return true;
    }

    @Test
    void keypointsOutsideTheImageAreUnlabelledAtTheOrigin() {
        SplittableRandom rng = new SplittableRandom(9);
        StickFigure tall = figure(rng, 400, 100, 60, Facing.FRONT, 0);
        SyntheticScene scene = SyntheticScene.drawPeople(new Canvas(200, 200), List.of(), List.of(tall));

        float[] k = scene.people().getFirst().keypoints();
        assertTrue(tall.y(NOSE) < 0, "the head is above the image");
        assertEquals(List.of(0f, 0f, 0f), List.of(k[3 * NOSE], k[3 * NOSE + 1], k[3 * NOSE + 2]));
        assertTrue(k[3 * LEFT_HIP + 2] > 0, "the hips are in the image");
    }

    @Test
    void keypointsOnAFaintLimbAreLabelledHidden() {
        SplittableRandom rng = new SplittableRandom(10);
        StickFigure faint = figure(rng, 150, 150, 150, Facing.FRONT, 1);
        SyntheticScene scene = SyntheticScene.drawPeople(new Canvas(300, 300), List.of(), List.of(faint));

        float[] k = scene.people().getFirst().keypoints();
        int faded = 0;
        for (int j = 0; j < 17; j++) {
            if (faint.faded(j)) {
                assertEquals(1f, k[3 * j + 2], "keypoint " + j);
                faded++;
            }
        }
        assertEquals(2, faded, "a faint limb carries two end keypoints");
    }
}
