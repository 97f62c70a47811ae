package dev.trainyard.trainer.data;

import dev.trainyard.trainer.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A COCO keypoint dataset: the images an annotation file selects under a {@link CocoFilter}, with
 * their annotations, decoded from an image directory on demand.
 *
 * <p>Immutable after construction, so loader threads may call {@link #load} concurrently.
 */
public final class CocoDataset implements SampleSource {

    /** The reference's default training annotations, relative to the working directory. */
    public static final String TRAIN_ANNOTATIONS = "data-mscoco/annotations/person_keypoints_train2017.json";
    /** The reference's default validation annotations. */
    public static final String VAL_ANNOTATIONS = "data-mscoco/annotations/person_keypoints_val2017.json";
    /** The reference's default training image directory. */
    public static final String TRAIN_IMAGE_DIR = "data-mscoco/images/train2017/";
    /** The reference's default validation image directory. */
    public static final String VAL_IMAGE_DIR = "data-mscoco/images/val2017/";
    /** The reference's image info of the COCO test-dev split (images only, no annotations). */
    public static final String TESTDEV_ANNOTATIONS = "data-mscoco/annotations/image_info_test-dev2017.json";
    /** The reference's image info of the whole COCO test split. */
    public static final String TEST_ANNOTATIONS = "data-mscoco/annotations/image_info_test2017.json";
    /** The reference's test image directory (test-dev is a subset of it). */
    public static final String TEST_IMAGE_DIR = "data-mscoco/images/test2017/";

    private final CocoAnnotationFile file;
    private final Path imageDir;
    private final CocoFilter filter;
    private final List<CocoImage> images;
    private final List<List<Annotation>> annotations;

    /**
     * Selects the images and annotations of {@code file} that {@code filter} keeps.
     *
     * @throws BadInputException when the image directory does not exist or no image is left,
     *     naming the annotation file and the filter settings
     */
    public CocoDataset(CocoAnnotationFile file, Path imageDir, CocoFilter filter) {
        if (!Files.isDirectory(imageDir)) {
            throw new BadInputException("image directory not found: " + imageDir);
        }
        this.file = file;
        this.imageDir = imageDir;
        this.filter = filter;
        List<CocoImage> keptImages = new ArrayList<>();
        List<List<Annotation>> keptAnnotations = new ArrayList<>();
        for (CocoImage image : file.images()) {
            List<Annotation> anns = file.annotations(image.id()).stream()
                    .filter(a -> filter.keepsCategory(a.categoryId()))
                    .toList();
            if (hasEveryCategory(anns, filter) && passesAnnotationFilter(anns, filter)) {
                keptImages.add(image);
                keptAnnotations.add(anns);
            }
        }
        if (keptImages.isEmpty()) {
            throw new BadInputException("no images left in " + file.path() + " after filtering ("
                    + filter.describe() + "; the file has " + file.images().size() + " images and "
                    + file.annotationCount() + " annotations)");
        }
        this.images = List.copyOf(keptImages);
        this.annotations = List.copyOf(keptAnnotations);
    }

    /** Reads {@code annotationFile} and selects its images; see {@link #CocoDataset(CocoAnnotationFile, Path, CocoFilter)}. */
    public static CocoDataset open(Path annotationFile, Path imageDir, CocoFilter filter) {
        return new CocoDataset(CocoAnnotationFile.read(annotationFile), imageDir, filter);
    }

    private static boolean hasEveryCategory(List<Annotation> anns, CocoFilter filter) {
        return filter.categoryIds().stream()
                .allMatch(id -> anns.stream().anyMatch(a -> a.categoryId() == id));
    }

    private static boolean passesAnnotationFilter(List<Annotation> anns, CocoFilter filter) {
        if (!filter.annotationFilter()) {
            return true;
        }
        List<Annotation> persons = anns.stream().filter(a -> !a.crowd()).toList();
        long withKeypoints = persons.stream().filter(Annotation::hasLabelledKeypoint).count();
        return !persons.isEmpty() && withKeypoints >= filter.minKpAnns();
    }

    @Override
    public int size() {
        return images.size();
    }

    /** The selected images, in annotation-file order. */
    public List<CocoImage> images() {
        return images;
    }

    public CocoImage image(int index) {
        return images.get(index);
    }

    /** The kept annotations of image {@code index} (crowd annotations included), in file order. */
    public List<Annotation> annotations(int index) {
        return annotations.get(index);
    }

    public List<CocoCategory> categories() {
        return file.categories();
    }

    public CocoAnnotationFile annotationFile() {
        return file;
    }

    public Path imageDir() {
        return imageDir;
    }

    public CocoFilter filter() {
        return filter;
    }

    /** Path of the image file of sample {@code index}. */
    public Path imagePath(int index) {
        return imageDir.resolve(images.get(index).fileName());
    }

    @Override
    public Sample load(int index) {
        CocoImage image = images.get(index);
        RgbImage rgb = ImageFileReader.read(imagePath(index));
        ImageMeta meta = ImageMeta.of(index, image.id(), image.fileName(), rgb.width(), rgb.height());
        return new Sample(rgb, annotations.get(index), meta);
    }
}
