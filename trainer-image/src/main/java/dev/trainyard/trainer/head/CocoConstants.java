package dev.trainyard.trainer.head;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** COCO person keypoint definitions shared by the data, encoder, decoder and metric stages. */
public final class CocoConstants {

    private CocoConstants() {}

    public static final List<String> KEYPOINTS = List.of(
            "nose", "left_eye", "right_eye", "left_ear", "right_ear",
            "left_shoulder", "right_shoulder", "left_elbow", "right_elbow",
            "left_wrist", "right_wrist", "left_hip", "right_hip",
            "left_knee", "right_knee", "left_ankle", "right_ankle");

    public static final int N_KEYPOINTS = 17;

    /** The 19 connections of the COCO person skeleton (1-based). */
    public static final List<Connection> SKELETON = connections(
            16, 14, 14, 12, 17, 15, 15, 13, 12, 13, 6, 12, 7, 13,
            6, 7, 6, 8, 7, 9, 8, 10, 9, 11, 2, 3, 1, 2, 1, 3,
            2, 4, 3, 5, 4, 6, 5, 7);

    /** The 44-connection dense skeleton; {@link #DENSE_CONNECTIONS} is its part not in {@link #SKELETON}. */
    public static final List<Connection> DENSER_SKELETON = connections(
            1, 2, 1, 3, 2, 3, 1, 4, 1, 5, 4, 5,
            1, 6, 1, 7, 2, 6, 3, 7,
            2, 4, 3, 5, 4, 6, 5, 7, 6, 7,
            6, 12, 7, 13, 6, 13, 7, 12, 12, 13,
            6, 8, 7, 9, 8, 10, 9, 11, 6, 10, 7, 11,
            8, 9, 10, 11,
            10, 12, 11, 13,
            10, 14, 11, 15,
            14, 12, 15, 13, 12, 15, 13, 14,
            12, 16, 13, 17,
            16, 14, 17, 15, 14, 17, 15, 16,
            14, 15, 16, 17);

    /** The 25 dense-only connections of the {@code caf25} head (ordered pairs not in the sparse skeleton). */
    public static final List<Connection> DENSE_CONNECTIONS =
            DENSER_SKELETON.stream().filter(c -> !SKELETON.contains(c)).toList();

    /** COCO OKS sigmas per keypoint. */
    public static final List<Double> SIGMAS = List.of(
            .026, .025, .025, .035, .035, .079, .079, .072, .072, .062, .062,
            .107, .107, .087, .087, .089, .089);

    /** Weights of the sorted keypoint confidences in the instance score: [3, 3, 3, 1 x 14] / 23 after normalisation. */
    public static final List<Double> SCORE_WEIGHTS = List.of(
            3.0, 3.0, 3.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0);

    /** Upright reference pose (y up) used to normalise the instance scale of partially visible people. */
    public static final List<Keypoint> UPRIGHT_POSE = List.of(
            new Keypoint(0.0, 9.3), new Keypoint(-0.35, 9.7), new Keypoint(0.35, 9.7),
            new Keypoint(-0.7, 9.5), new Keypoint(0.7, 9.5),
            new Keypoint(-1.4, 8.0), new Keypoint(1.4, 8.0),
            new Keypoint(-1.75, 6.0), new Keypoint(1.75, 6.2),
            new Keypoint(-1.75, 4.0), new Keypoint(1.75, 4.2),
            new Keypoint(-1.26, 4.0), new Keypoint(1.26, 4.0),
            new Keypoint(-1.4, 2.0), new Keypoint(1.4, 2.1),
            new Keypoint(-1.4, 0.0), new Keypoint(1.4, 0.1));

    /** Left/right keypoint names swapped by a horizontal flip. */
    public static final Map<String, String> HFLIP = Map.ofEntries(
            Map.entry("left_eye", "right_eye"), Map.entry("right_eye", "left_eye"),
            Map.entry("left_ear", "right_ear"), Map.entry("right_ear", "left_ear"),
            Map.entry("left_shoulder", "right_shoulder"), Map.entry("right_shoulder", "left_shoulder"),
            Map.entry("left_elbow", "right_elbow"), Map.entry("right_elbow", "left_elbow"),
            Map.entry("left_wrist", "right_wrist"), Map.entry("right_wrist", "left_wrist"),
            Map.entry("left_hip", "right_hip"), Map.entry("right_hip", "left_hip"),
            Map.entry("left_knee", "right_knee"), Map.entry("right_knee", "left_knee"),
            Map.entry("left_ankle", "right_ankle"), Map.entry("right_ankle", "left_ankle"));

    /** COCO's 91 category names; category id = index + 1 (ids without a category keep their historic name). */
    public static final List<String> CATEGORIES = List.of(
            "person", "bicycle", "car", "motorcycle", "airplane", "bus", "train", "truck", "boat",
            "traffic light", "fire hydrant", "street sign", "stop sign", "parking meter", "bench",
            "bird", "cat", "dog", "horse", "sheep", "cow", "elephant", "bear", "zebra", "giraffe",
            "hat", "backpack", "umbrella", "shoe", "eye glasses", "handbag", "tie", "suitcase",
            "frisbee", "skis", "snowboard", "sports ball", "kite", "baseball bat", "baseball glove",
            "skateboard", "surfboard", "tennis racket", "bottle", "plate", "wine glass", "cup",
            "fork", "knife", "spoon", "bowl", "banana", "apple", "sandwich", "orange", "broccoli",
            "carrot", "hot dog", "pizza", "donut", "cake", "chair", "couch", "potted plant", "bed",
            "mirror", "dining table", "window", "desk", "toilet", "door", "tv", "laptop", "mouse",
            "remote", "keyboard", "cell phone", "microwave", "oven", "toaster", "sink",
            "refrigerator", "blender", "book", "clock", "vase", "scissors", "teddy bear",
            "hair drier", "toothbrush", "hair brush");

    /** The COCO category id of a person. */
    public static final int PERSON_CATEGORY_ID = 1;

    /** For each keypoint index, the index of its mirror image under a horizontal flip. */
    public static int[] hflipPermutation(List<String> keypoints, Map<String, String> hflip) {
        int[] permutation = new int[keypoints.size()];
        for (int i = 0; i < keypoints.size(); i++) {
            String target = hflip.get(keypoints.get(i));
            permutation[i] = target == null ? i : keypoints.indexOf(target);
            if (permutation[i] < 0) {
                throw new IllegalArgumentException("hflip target " + target + " is not a keypoint");
            }
        }
        return permutation;
    }

    private static List<Connection> connections(int... pairs) {
        List<Connection> result = new ArrayList<>(pairs.length / 2);
        for (int i = 0; i < pairs.length; i += 2) {
            result.add(new Connection(pairs[i], pairs[i + 1]));
        }
        return List.copyOf(result);
    }
}
