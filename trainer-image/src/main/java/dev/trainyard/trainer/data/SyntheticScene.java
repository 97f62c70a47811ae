package dev.trainyard.trainer.data;

import dev.trainyard.trainer.head.CocoConstants;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One synthetic image: a textured background, sometimes crowds of small figures, then one to six
 * people drawn far to near, annotated the way COCO annotators label what they see.
 *
 * @param image the rendered picture
 * @param people the annotated people in drawing order (farthest first)
 * @param crowds the crowd regions
 */
record SyntheticScene(BufferedImage image, List<Person> people, List<Crowd> crowds) {

    /**
     * An annotated person: {@code keypoints} are 17 COCO {@code [x, y, v]} triples (v = 0 with
     * x = y = 0 out of frame, 1 hidden or faint, 2 visible); {@code polygons} outline every part.
     */
    record Person(float[] keypoints, float[] bbox, int area, List<double[]> polygons, StickFigure.Facing facing) {}

    /** A crowd region (iscrowd 1) with its mask as COCO uncompressed RLE counts. */
    record Crowd(float[] bbox, int area, int[] runLengths) {}

    static final int MAX_PEOPLE = 6;
    private static final double[] PEOPLE_WEIGHTS = {0.22, 0.24, 0.2, 0.14, 0.11, 0.09};
    /** Owner codes: {@code 1 + slot * PART_SLOTS + part}; crowds share one slot no person uses. */
    private static final int PART_SLOTS = 64;
    private static final int CROWD_OWNER = 1 + 63 * PART_SLOTS;
    private static final double FADE_CHANCE = 0.15;

    static SyntheticScene render(SplittableRandom rng, int width, int height) {
        Canvas canvas = new Canvas(width, height);
        BackgroundPainter.paint(canvas, rng);
        List<Crowd> crowds = new ArrayList<>();
        int crowdCount = rng.nextDouble() < 0.25 ? (rng.nextDouble() < 0.2 ? 2 : 1) : 0;
        for (int i = 0; i < crowdCount; i++) {
            crowds.add(drawCrowd(canvas, rng));
        }

        List<StickFigure> figures = randomPeople(rng, width, height);
        // Smaller means farther: drawing them first lets near people occlude far ones.
        figures.sort(Comparator.comparingDouble(StickFigure::height));
        return drawPeople(canvas, crowds, figures);
    }

    private static List<StickFigure> randomPeople(SplittableRandom rng, int width, int height) {
        int count = peopleCount(rng);
        List<StickFigure> figures = new ArrayList<>(count);
        double minHeight = Math.max(24, 0.12 * height);
        double maxHeight = Math.max(minHeight, 1.05 * height);
        for (int i = 0; i < count; i++) {
            double figureHeight = minHeight * StrictMath.exp(rng.nextDouble() * StrictMath.log(maxHeight / minHeight));
            // The hips stay in frame, so every person has a labelled keypoint; heads and feet may leave it.
            double hipX = width * (0.03 + 0.94 * rng.nextDouble());
            double hipY = height * (0.15 + 0.77 * rng.nextDouble());
            figures.add(StickFigure.random(rng, figureHeight, hipX, hipY, StickFigure.randomFacing(rng),
                    FigureLook.random(rng), FADE_CHANCE));
        }
        return figures;
    }

    /** Draws {@code figures} in list order (each over the ones before) and annotates what shows. */
    static SyntheticScene drawPeople(Canvas canvas, List<Crowd> crowds, List<StickFigure> figures) {
        if (figures.size() > MAX_PEOPLE) {
            throw new IllegalArgumentException("at most " + MAX_PEOPLE + " people, got " + figures.size());
        }
        int count = figures.size();
        List<Canvas.Footprint> footprints = new ArrayList<>(count);
        for (int slot = 0; slot < count; slot++) {
            Canvas.Footprint footprint = canvas.newFootprint();
            List<StickFigure.Part> parts = figures.get(slot).parts();
            for (int p = 0; p < parts.size(); p++) {
                StickFigure.Part part = parts.get(p);
                canvas.fill(part.shape(), part.colour(), part.opacity(), 1 + slot * PART_SLOTS + p,
                        part.inSegmentation() ? footprint : null);
            }
            footprints.add(footprint);
        }
        List<Person> people = new ArrayList<>(count);
        for (int slot = 0; slot < count; slot++) {
            StickFigure figure = figures.get(slot);
            Canvas.Footprint footprint = footprints.get(slot);
            people.add(new Person(keypoints(canvas, figure, slot), footprint.bbox(), footprint.area(),
                    polygons(figure, canvas.width(), canvas.height()), figure.facing()));
        }
        return new SyntheticScene(canvas.image(), List.copyOf(people), List.copyOf(crowds));
    }

    private static int peopleCount(SplittableRandom rng) {
        double u = rng.nextDouble();
        for (int i = 0; i < PEOPLE_WEIGHTS.length - 1; i++) {
            u -= PEOPLE_WEIGHTS[i];
            if (u < 0) {
                return i + 1;
            }
        }
        return MAX_PEOPLE;
    }

    /** A cluster of small people too dense to annotate one by one, as COCO marks crowds. */
    private static Crowd drawCrowd(Canvas canvas, SplittableRandom rng) {
        int w = canvas.width();
        int h = canvas.height();
        double minHeight = Math.max(12, 0.05 * h);
        double maxHeight = Math.max(minHeight + 4, 0.13 * h);
        double regionWidth = w * (0.2 + 0.35 * rng.nextDouble());
        double regionHeight = 0.6 * maxHeight;
        double left = (w - regionWidth) * rng.nextDouble();
        double top = maxHeight * 0.5 + (0.7 * h - maxHeight) * rng.nextDouble();
        int members = 6 + rng.nextInt(13);
        List<StickFigure> figures = new ArrayList<>(members);
        for (int i = 0; i < members; i++) {
            double figureHeight = minHeight + (maxHeight - minHeight) * rng.nextDouble();
            figures.add(StickFigure.random(rng, figureHeight, left + regionWidth * rng.nextDouble(),
                    top + regionHeight * rng.nextDouble(), StickFigure.randomFacing(rng), FigureLook.random(rng), 0));
        }
        figures.sort(Comparator.comparingDouble(StickFigure::height));
        Canvas.Footprint footprint = canvas.newFootprint();
        for (StickFigure figure : figures) {
            for (StickFigure.Part part : figure.parts()) {
                canvas.fill(part.shape(), part.colour(), part.opacity(), CROWD_OWNER, footprint);
            }
        }
        return new Crowd(footprint.bbox(), footprint.area(), canvas.runLengths(footprint));
    }

    private static float[] keypoints(Canvas canvas, StickFigure figure, int slot) {
        float[] result = new float[3 * CocoConstants.N_KEYPOINTS];
        for (int k = 0; k < CocoConstants.N_KEYPOINTS; k++) {
            double x = figure.x(k);
            double y = figure.y(k);
            if (x < 0 || y < 0 || x > canvas.width() - 1 || y > canvas.height() - 1) {
                continue;
            }
            result[3 * k] = (float) round2(x);
            result[3 * k + 1] = (float) round2(y);
            result[3 * k + 2] = visible(canvas, figure, slot, k) ? 2 : 1;
        }
        return result;
    }

    /**
     * A keypoint is visible when its pixel shows this person, through a part that carries it or
     * one not clearly in front of it; covered by someone else, behind its own body, on the far side
     * of the head, or on a faint limb, it is labelled but hidden.
     */
    private static boolean visible(Canvas canvas, StickFigure figure, int slot, int k) {
        int owner = canvas.ownerAt((int) Math.round(figure.x(k)), (int) Math.round(figure.y(k)));
        if (owner == Canvas.NO_OWNER || (owner - 1) / PART_SLOTS != slot) {
            return false;
        }
        if (figure.faded(k) || figure.turnedAway(k)) {
            return false;
        }
        StickFigure.Part part = figure.parts().get((owner - 1) % PART_SLOTS);
        return part.carries(k) || part.depth() >= figure.depth(k) - figure.occlusionTolerance();
    }

    /** Outline polygons of the parts that fall in the image, clamped to it, for COCO's segmentation. */
    private static List<double[]> polygons(StickFigure figure, int width, int height) {
        List<double[]> result = new ArrayList<>();
        for (StickFigure.Part part : figure.parts()) {
            double[] b = part.shape().bounds();
            if (!part.inSegmentation() || b[2] < 0 || b[3] < 0 || b[0] > width - 1 || b[1] > height - 1) {
                continue;
            }
            double[] outline = part.shape().outline();
            for (int i = 0; i < outline.length; i += 2) {
                outline[i] = round2(Math.clamp(outline[i], 0, width - 1));
                outline[i + 1] = round2(Math.clamp(outline[i + 1], 0, height - 1));
            }
            result.add(outline);
        }
        return result;
    }

    private static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
