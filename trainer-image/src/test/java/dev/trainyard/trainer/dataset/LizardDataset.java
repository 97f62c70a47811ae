package dev.trainyard.trainer.dataset;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Test fixture: a tiny COCO keypoint dataset with a non-person skeleton. Category 2 "lizard" has
 * five keypoints (a head and four paws named {@code left_}/{@code right_}) and four connections;
 * category 5 "rock" has boxes only. Train: 4 images, one of them with a rock only; val: 2 images.
 */
final class LizardDataset {

    static final int WIDTH = 160;
    static final int HEIGHT = 120;
    static final int LIZARD = 2;
    static final int ROCK = 5;
    static final List<String> KEYPOINTS =
            List.of("head", "left_front_paw", "right_front_paw", "left_hind_paw", "right_hind_paw");
    static final int[][] SKELETON = {{1, 2}, {1, 3}, {2, 4}, {3, 5}};

    final Path trainAnnotations;
    final Path valAnnotations;
    final Path trainImages;
    final Path valImages;

    private LizardDataset(Path root) {
        trainAnnotations = root.resolve("annotations/lizards_train.json");
        valAnnotations = root.resolve("annotations/lizards_val.json");
        trainImages = root.resolve("images/train");
        valImages = root.resolve("images/val");
    }

    /**
     * Writes the dataset under {@code root}.
     *
     * @param secondKeypointCategory also define a category 7 "gecko" with the same keypoints
     *     (no annotations), so that the keypoint category is ambiguous
     */
    static LizardDataset write(Path root, boolean secondKeypointCategory) {
        LizardDataset d = new LizardDataset(root);
        // image id -> lizard centres and rock boxes
        List<Image> train = List.of(
                new Image(1, new int[][] {{50, 60}, {115, 55}}, new int[][] {{120, 95, 30, 20}}),
                new Image(2, new int[][] {{80, 60}}, new int[0][]),
                new Image(3, new int[][] {{60, 50}}, new int[0][]),
                new Image(4, new int[0][], new int[][] {{40, 40, 50, 30}}));
        List<Image> val = List.of(
                new Image(11, new int[][] {{70, 60}}, new int[0][]),
                new Image(12, new int[][] {{90, 65}}, new int[0][]));
        d.writeSplit(d.trainAnnotations, d.trainImages, train, secondKeypointCategory);
        d.writeSplit(d.valAnnotations, d.valImages, val, secondKeypointCategory);
        return d;
    }

    /** The five keypoints of a lizard centred at {@code (cx, cy)}: {@code [x, y, v] x 5}, all visible. */
    static float[] lizardKeypoints(int cx, int cy) {
        return new float[] {
            cx, cy - 20, 2,
            cx - 15, cy - 5, 2,
            cx + 15, cy - 5, 2,
            cx - 15, cy + 15, 2,
            cx + 15, cy + 15, 2};
    }

    /** The box of a lizard centred at {@code (cx, cy)}. */
    static float[] lizardBox(int cx, int cy) {
        return new float[] {cx - 20, cy - 25, 40, 45};
    }

    private record Image(long id, int[][] lizards, int[][] rocks) {
        String fileName() {
            return String.format(Locale.ROOT, "%012d.jpg", id);
        }
    }

    private void writeSplit(Path annotations, Path imageDir, List<Image> images, boolean secondKeypointCategory) {
        try {
            Files.createDirectories(annotations.getParent());
            Files.createDirectories(imageDir);
            List<String> imageEntries = new ArrayList<>();
            List<String> annotationEntries = new ArrayList<>();
            long annotationId = 100 * images.getFirst().id();
            for (Image image : images) {
                imageEntries.add(String.format(Locale.ROOT, "{\"id\": %d, \"file_name\": \"%s\", \"width\": %d, \"height\": %d}",
                        image.id(), image.fileName(), WIDTH, HEIGHT));
                for (int[] c : image.lizards()) {
                    annotationEntries.add(annotation(++annotationId, image.id(), LIZARD,
                            lizardKeypoints(c[0], c[1]), lizardBox(c[0], c[1])));
                }
                for (int[] r : image.rocks()) {
                    annotationEntries.add(annotation(++annotationId, image.id(), ROCK,
                            new float[0], new float[] {r[0], r[1], r[2], r[3]}));
                }
                ImageIO.write(paint(image), "jpg", imageDir.resolve(image.fileName()).toFile());
            }
            List<String> categories = new ArrayList<>();
            categories.add(keypointCategory(LIZARD, "lizard"));
            categories.add("{\"id\": " + ROCK + ", \"name\": \"rock\", \"supercategory\": \"thing\"}");
            if (secondKeypointCategory) {
                categories.add(keypointCategory(7, "gecko"));
            }
            Files.writeString(annotations, "{\"images\": [" + String.join(", ", imageEntries) + "],\n"
                    + "\"annotations\": [" + String.join(",\n", annotationEntries) + "],\n"
                    + "\"categories\": [" + String.join(", ", categories) + "]}\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String keypointCategory(int id, String name) {
        StringBuilder skeleton = new StringBuilder();
        for (int[] pair : SKELETON) {
            skeleton.append(skeleton.isEmpty() ? "" : ", ").append("[").append(pair[0]).append(", ").append(pair[1]).append("]");
        }
        return "{\"id\": " + id + ", \"name\": \"" + name + "\", \"supercategory\": \"animal\", \"keypoints\": [\""
                + String.join("\", \"", KEYPOINTS) + "\"], \"skeleton\": [" + skeleton + "]}";
    }

    private static String annotation(long id, long imageId, int category, float[] keypoints, float[] box) {
        StringBuilder kps = new StringBuilder();
        for (float v : keypoints) {
            kps.append(kps.isEmpty() ? "" : ", ").append((int) v);
        }
        int labelled = 0;
        for (int i = 2; i < keypoints.length; i += 3) {
            labelled += keypoints[i] > 0 ? 1 : 0;
        }
        String keypointFields = keypoints.length == 0 ? ""
                : ", \"keypoints\": [" + kps + "], \"num_keypoints\": " + labelled;
        return String.format(Locale.ROOT,
                "{\"id\": %d, \"image_id\": %d, \"category_id\": %d, \"iscrowd\": 0, \"area\": %.1f, "
                        + "\"bbox\": [%.1f, %.1f, %.1f, %.1f]%s}",
                id, imageId, category, box[2] * box[3], box[0], box[1], box[2], box[3], keypointFields);
    }

    /** Grey background, a green body and dark paws per lizard, a brown block per rock. */
    private static BufferedImage paint(Image image) {
        BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(120, 120, 120));
        g.fillRect(0, 0, WIDTH, HEIGHT);
        for (int[] r : image.rocks()) {
            g.setColor(new Color(110, 80, 50));
            g.fillRect(r[0], r[1], r[2], r[3]);
        }
        for (int[] c : image.lizards()) {
            g.setColor(new Color(40, 170, 60));
            g.fillOval(c[0] - 8, c[1] - 22, 16, 40);
            float[] kps = lizardKeypoints(c[0], c[1]);
            g.setColor(new Color(20, 60, 20));
            for (int j = 1; j < KEYPOINTS.size(); j++) {
                g.fillOval((int) kps[3 * j] - 3, (int) kps[3 * j + 1] - 3, 6, 6);
            }
        }
        g.dispose();
        return img;
    }
}
