package dev.trainyard.trainer.encoder;

import dev.trainyard.trainer.data.Annotation;
import dev.trainyard.trainer.data.ImageMeta;
import java.util.ArrayList;
import java.util.List;

/** Turns pixel annotations into what the detection encoder consumes: boxes in field units and per-category crowd masks. */
public final class DetectionAnnRescaler {

    /**
     * One non-crowd object in field units.
     *
     * @param field zero-based category field ({@code categoryId - 1})
     * @param x left edge
     * @param y top edge
     * @param width box width
     * @param height box height
     */
    public record Detection(int field, float x, float y, float width, float height) {}

    private final int stride;
    private final int nCategories;

    public DetectionAnnRescaler(int stride, int nCategories) {
        if (stride <= 0) {
            throw new IllegalArgumentException("stride must be positive, got " + stride);
        }
        this.stride = stride;
        this.nCategories = nCategories;
    }

    public int stride() {
        return stride;
    }

    /** The boxes of all non-crowd annotations, divided by the stride, in annotation order. */
    public List<Detection> detections(List<Annotation> annotations) {
        List<Detection> result = new ArrayList<>();
        for (Annotation ann : annotations) {
            if (ann.crowd()) {
                continue;
            }
            float[] bbox = ann.bbox();
            result.add(new Detection(field(ann), bbox[0] / stride, bbox[1] / stride,
                    bbox[2] / stride, bbox[3] / stride));
        }
        return result;
    }

    /**
     * Cells to ignore, one plane per category: the bboxes of that category's crowd annotations
     * expanded by {@code crowdMargin} cells.
     */
    public BackgroundMask backgroundMask(List<Annotation> annotations, int imageWidth, int imageHeight,
                                         double crowdMargin) {
        BackgroundMask mask = new BackgroundMask(
                nCategories, (imageHeight - 1) / stride + 1, (imageWidth - 1) / stride + 1);
        for (Annotation ann : annotations) {
            if (ann.crowd()) {
                mask.ignoreBox(field(ann), ann.bbox(), stride, crowdMargin);
            }
        }
        return mask;
    }

    /** The meta's valid area in field cells. */
    public ValidArea validArea(ImageMeta meta) {
        return ValidArea.ofPixels(meta.validArea(), stride);
    }

    private int field(Annotation ann) {
        int field = ann.categoryId() - 1;
        if (field < 0 || field >= nCategories) {
            throw new IllegalArgumentException("annotation " + ann.id() + " has category " + ann.categoryId()
                    + ", the head has categories 1.." + nCategories);
        }
        return field;
    }
}
