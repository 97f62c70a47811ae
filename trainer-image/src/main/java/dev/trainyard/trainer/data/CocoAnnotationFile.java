package dev.trainyard.trainer.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parsed content of a COCO annotation file: images, categories and each image's annotations,
 * all in file order; segmentations are not kept.
 *
 * @param path the file it was read from
 * @param images every image of the file
 * @param categories every category of the file
 * @param annotationsByImage annotations keyed by image id; images without annotations are absent
 */
public record CocoAnnotationFile(
        Path path, List<CocoImage> images, List<CocoCategory> categories, Map<Long, List<Annotation>> annotationsByImage) {

    public CocoAnnotationFile {
        images = List.copyOf(images);
        categories = List.copyOf(categories);
        annotationsByImage = Map.copyOf(annotationsByImage);
    }

    /**
     * Reads a COCO annotation file, streaming so that the full train2017 keypoint file fits easily.
     *
     * @throws dev.trainyard.trainer.BadInputException naming the file, position and field when the
     *     file is missing, malformed or inconsistent
     */
    public static CocoAnnotationFile read(Path path) {
        return new CocoJsonParser(path).parse();
    }

    /** The annotations of one image in file order (empty when it has none). */
    public List<Annotation> annotations(long imageId) {
        return annotationsByImage.getOrDefault(imageId, List.of());
    }

    /** Total number of annotations in the file. */
    public int annotationCount() {
        return annotationsByImage.values().stream().mapToInt(List::size).sum();
    }

    public Optional<CocoCategory> category(int id) {
        return categories.stream().filter(c -> c.id() == id).findFirst();
    }
}
