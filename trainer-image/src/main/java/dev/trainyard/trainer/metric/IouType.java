package dev.trainyard.trainer.metric;

import dev.trainyard.trainer.BadInputException;
import java.util.List;
import java.util.Locale;

/** What a COCO evaluation compares: keypoints by OKS, or boxes by IoU. */
public enum IouType {
    /** Person poses scored by object keypoint similarity; 10 summary stats. */
    KEYPOINTS("keypoints", List.of("AP", "AP0.5", "AP0.75", "APM", "APL", "AR", "AR0.5", "AR0.75", "ARM", "ARL")),
    /** Boxes scored by intersection over union; 12 summary stats. */
    BBOX("bbox", List.of("AP", "AP0.5", "AP0.75", "APS", "APM", "APL", "ART1", "ART10", "AR", "ARS", "ARM", "ARL"));

    private final String cocoName;
    private final List<String> textLabels;

    IouType(String cocoName, List<String> textLabels) {
        this.cocoName = cocoName;
        this.textLabels = textLabels;
    }

    /** The name pycocotools uses ({@code iouType='keypoints'}). */
    public String cocoName() {
        return cocoName;
    }

    /** The labels of the summary stats, exactly OpenPifPaf's {@code text_labels} for this type. */
    public List<String> textLabels() {
        return textLabels;
    }

    /** Parses {@code keypoints} or {@code bbox} (any case). */
    public static IouType of(String name) {
        for (IouType type : values()) {
            if (type.cocoName.equals(name.toLowerCase(Locale.ROOT))) {
                return type;
            }
        }
        throw new BadInputException("unknown iou type '" + name + "': expected keypoints or bbox");
    }

    @Override
    public String toString() {
        return cocoName;
    }
}
