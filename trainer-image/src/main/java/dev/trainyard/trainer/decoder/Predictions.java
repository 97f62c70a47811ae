package dev.trainyard.trainer.decoder;

import dev.trainyard.trainer.data.ImageMeta;
import java.util.ArrayList;
import java.util.List;

/**
 * What the decoders found in one image, in input-image pixels: poses (cifcaf) and boxes (cifdet),
 * each list best first.
 */
public record Predictions(List<Pose> poses, List<Detection> detections) {

    public static final Predictions EMPTY = new Predictions(List.of(), List.of());

    public Predictions {
        poses = List.copyOf(poses);
        detections = List.copyOf(detections);
    }

    /** These predictions followed by {@code other}'s. */
    public Predictions concat(Predictions other) {
        List<Pose> allPoses = new ArrayList<>(poses);
        allPoses.addAll(other.poses);
        List<Detection> allDetections = new ArrayList<>(detections);
        allDetections.addAll(other.detections);
        return new Predictions(allPoses, allDetections);
    }

    /**
     * Everything in the pixels of the original image.
     *
     * @param hflipPermutation keypoint swap for flipped inputs; may be null when {@code meta} is not flipped
     */
    public Predictions toOriginal(ImageMeta meta, int[] hflipPermutation) {
        return new Predictions(
                poses.stream().map(p -> p.toOriginal(meta, hflipPermutation)).toList(),
                detections.stream().map(d -> d.toOriginal(meta)).toList());
    }
}
