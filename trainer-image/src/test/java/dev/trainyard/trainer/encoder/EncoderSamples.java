package dev.trainyard.trainer.encoder;

import dev.trainyard.trainer.data.Annotation;
import dev.trainyard.trainer.data.ImageMeta;
import dev.trainyard.trainer.data.RgbImage;
import dev.trainyard.trainer.data.Sample;
import dev.trainyard.trainer.head.CafMeta;
import dev.trainyard.trainer.head.CifMeta;
import dev.trainyard.trainer.head.CocoConstants;
import dev.trainyard.trainer.head.CocoHeads;
import dev.trainyard.trainer.head.HeadMeta;
import dev.trainyard.trainer.head.Keypoint;
import java.util.List;

/** Small hand-made samples and COCO heads for the encoder tests. */
final class EncoderSamples {

    static final int N = CocoConstants.N_KEYPOINTS;

    private EncoderSamples() {}

    /** The cocokp heads at {@code stride} (16, or 8 through upsample 2): cif, caf, caf25. */
    static List<HeadMeta> heads(int stride) {
        return CocoHeads.keypoints(16, 16 / stride, true);
    }

    static CifMeta cif(int stride) {
        return (CifMeta) heads(stride).get(0);
    }

    static CafMeta caf(int stride) {
        return (CafMeta) heads(stride).get(1);
    }

    static CafMeta caf25(int stride) {
        return (CafMeta) heads(stride).get(2);
    }

    /** A sample with a blank image and the whole image valid. */
    static Sample sample(int width, int height, Annotation... annotations) {
        return new Sample(new RgbImage(width, height), List.of(annotations),
                ImageMeta.of(0, 1, "test.jpg", width, height));
    }

    /** A sample whose real image content is only {@code [x, y, w, h]} (the rest is padding). */
    static Sample sample(int width, int height, double[] validArea, Annotation... annotations) {
        ImageMeta meta = ImageMeta.of(0, 1, "test.jpg", width, height)
                .withValidArea(validArea[0], validArea[1], validArea[2], validArea[3]);
        return new Sample(new RgbImage(width, height), List.of(annotations), meta);
    }

    static Person person() {
        return new Person();
    }

    /**
     * A person in the upright reference pose: {@code height} pixels from ankles to eyes, feet at
     * {@code (x, footY)}, every keypoint visible.
     */
    static Person upright(double x, double footY, double height) {
        Person person = new Person();
        double unit = height / 9.7;
        for (int j = 0; j < N; j++) {
            Keypoint p = CocoConstants.UPRIGHT_POSE.get(j);
            person.visible(j, x + unit * p.x(), footY - unit * p.y());
        }
        return person;
    }

    /** A crowd region. */
    static Annotation crowd(float x, float y, float width, float height) {
        return new Annotation(0, 1, new float[3 * N], new float[] {x, y, width, height}, true, width * height);
    }

    /** A non-crowd person annotation without any labelled keypoint. */
    static Annotation unlabelled(float x, float y, float width, float height) {
        return new Annotation(0, 1, new float[3 * N], new float[] {x, y, width, height}, false, width * height);
    }

    /** Builds a COCO person annotation keypoint by keypoint; the bbox spans the labelled keypoints. */
    static final class Person {

        private final float[] keypoints = new float[3 * N];
        private long id;

        Person id(long value) {
            id = value;
            return this;
        }

        /** Keypoint {@code joint} (0-based) labelled visible, v = 2. */
        Person visible(int joint, double x, double y) {
            return set(joint, x, y, 2);
        }

        /** Keypoint {@code joint} (0-based) labelled hidden, v = 1. */
        Person hidden(int joint, double x, double y) {
            return set(joint, x, y, 1);
        }

        Person absent(int joint) {
            return set(joint, 0, 0, 0);
        }

        Person set(int joint, double x, double y, double v) {
            keypoints[3 * joint] = (float) x;
            keypoints[3 * joint + 1] = (float) y;
            keypoints[3 * joint + 2] = (float) v;
            return this;
        }

        float x(int joint) {
            return keypoints[3 * joint];
        }

        float y(int joint) {
            return keypoints[3 * joint + 1];
        }

        Annotation build() {
            float minX = Float.POSITIVE_INFINITY;
            float minY = Float.POSITIVE_INFINITY;
            float maxX = Float.NEGATIVE_INFINITY;
            float maxY = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < N; j++) {
                if (keypoints[3 * j + 2] > 0) {
                    minX = Math.min(minX, keypoints[3 * j]);
                    maxX = Math.max(maxX, keypoints[3 * j]);
                    minY = Math.min(minY, keypoints[3 * j + 1]);
                    maxY = Math.max(maxY, keypoints[3 * j + 1]);
                }
            }
            float[] bbox = minX <= maxX
                    ? new float[] {minX, minY, maxX - minX, maxY - minY}
                    : new float[] {0, 0, 1, 1};
            return new Annotation(id, 1, keypoints.clone(), bbox, false, bbox[2] * bbox[3]);
        }
    }
}
