package dev.trainyard.trainer.metric;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The summary of a COCO evaluation: pycocotools' {@code stats} with OpenPifPaf's text labels, and
 * the lines {@code summarize()} prints. A value is -1 where no ground truth was counted.
 *
 * @param iouType keypoints (10 stats) or bbox (12 stats)
 * @param values the stats in pycocotools' order
 * @param textLabels one label per stat ({@link IouType#textLabels()})
 * @param summaryLines the summary as pycocotools prints it, one line per stat
 */
public record CocoStats(IouType iouType, List<Double> values, List<String> textLabels, List<String> summaryLines) {

    public CocoStats {
        values = List.copyOf(values);
        textLabels = List.copyOf(textLabels);
        summaryLines = List.copyOf(summaryLines);
        if (values.size() != textLabels.size() || values.size() != summaryLines.size()) {
            throw new IllegalArgumentException("one label and one summary line per stat");
        }
    }

    /** The stat with this label, e.g. {@code value("AP")}. */
    public double value(String label) {
        int index = textLabels.indexOf(label);
        if (index < 0) {
            throw new IllegalArgumentException("no stat '" + label + "' for " + iouType + ": " + textLabels);
        }
        return values.get(index);
    }

    /** The reference's metric JSON: {@code {"stats": [...], "text_labels": [...]}}. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("stats", values);
        json.put("text_labels", textLabels);
        return json;
    }
}
