package dev.trainyard.trainer.metric;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The ground truth of a COCO evaluation: every image id, every category id and every annotation,
 * crowds included, with each image's annotations in file order (the order pycocotools matches in).
 */
public final class CocoGroundTruth {

    private final Path path;
    private final Set<Long> imageIds;
    private final List<Integer> categoryIds;
    private final Map<Long, List<GroundTruthObject>> objectsByImage;

    private CocoGroundTruth(Path path, Set<Long> imageIds, List<Integer> categoryIds, Map<Long, List<GroundTruthObject>> objectsByImage) {
        this.path = path;
        this.imageIds = imageIds;
        this.categoryIds = categoryIds;
        this.objectsByImage = objectsByImage;
    }

    /**
     * Reads a COCO annotation file: {@code images} (ids), {@code categories} (ids) and
     * {@code annotations}; segmentations are skipped unread.
     *
     * @throws dev.trainyard.trainer.BadInputException naming the file, position and field
     */
    public static CocoGroundTruth read(Path path) {
        GroundTruthReader reader = new GroundTruthReader(path);
        reader.read();
        return of(path, reader.imageIds(), reader.categoryIds(), reader.objects());
    }

    /**
     * A ground truth built in memory (tests, benchmarks, synthetic data).
     *
     * @param path the file it stands for, used in messages; may be null
     * @throws IllegalArgumentException when an object refers to an image not in {@code imageIds}
     */
    public static CocoGroundTruth of(Path path, List<Long> imageIds, List<Integer> categoryIds, List<GroundTruthObject> objects) {
        Set<Long> images = new LinkedHashSet<>(imageIds);
        Map<Long, List<GroundTruthObject>> byImage = HashMap.newHashMap(images.size());
        for (GroundTruthObject object : objects) {
            if (!images.contains(object.imageId())) {
                throw new IllegalArgumentException("annotation " + object.id() + " refers to unknown image id " + object.imageId());
            }
            byImage.computeIfAbsent(object.imageId(), id -> new ArrayList<>()).add(object);
        }
        byImage.replaceAll((id, list) -> List.copyOf(list));
        return new CocoGroundTruth(path, images, List.copyOf(new LinkedHashSet<>(categoryIds)), byImage);
    }

    /** Whether any image has an annotation: false for image-info files such as COCO test-dev's. */
    public boolean hasAnnotations() {
        return !objectsByImage.isEmpty();
    }

    /** The file this ground truth was read from (null when built in memory). */
    public Path path() {
        return path;
    }

    /** Every image id, in file order. */
    public Set<Long> imageIds() {
        return Collections.unmodifiableSet(imageIds);
    }

    public boolean containsImage(long imageId) {
        return imageIds.contains(imageId);
    }

    /** Every category id, in file order. */
    public List<Integer> categoryIds() {
        return categoryIds;
    }

    /** The annotations of one image in file order, crowds included (empty when none). */
    public List<GroundTruthObject> objects(long imageId) {
        return objectsByImage.getOrDefault(imageId, List.of());
    }

    /** Names the file in messages. */
    String name() {
        return path == null ? "ground truth" : path.toString();
    }
}
