package dev.trainyard.trainer.decoder;

import dev.trainyard.trainer.head.CifDetMeta;
import dev.trainyard.trainer.head.HeadMeta;
import java.util.ArrayList;
import java.util.List;

/**
 * The reference's {@code cifdet} decoder: seeds from a high-resolution map of box centres, one box
 * per unoccupied seed (at most {@link #MAX_DETECTIONS_BEFORE_NMS}), then per-category NMS at IoU
 * {@link #IOU_THRESHOLD} that scales suppressed scores by {@link #SUPPRESSION}, then the instance threshold.
 */
public final class CifDetDecoder implements Decoder {

    static final int MAX_DETECTIONS_BEFORE_NMS = 120;
    static final double IOU_THRESHOLD = 0.5;
    static final double SUPPRESSION = 0.1;

    private final DecoderConfig config;
    private final List<HeadMeta> networkHeads;
    private final int headIndex;
    private final CifDetMeta meta;
    private final String describe;
    private final ThreadLocal<Workspace> workspaces = ThreadLocal.withInitial(Workspace::new);

    CifDetDecoder(DecoderConfig config, List<HeadMeta> networkHeads, int headIndex, int requestIndex) {
        this.config = config;
        this.networkHeads = List.copyOf(networkHeads);
        this.headIndex = headIndex;
        this.meta = (CifDetMeta) networkHeads.get(headIndex);
        this.describe = DecoderRequest.CIFDET + ":" + requestIndex + " (" + meta.fullName() + ")";
    }

    @Override
    public List<HeadMeta> networkHeads() {
        return networkHeads;
    }

    @Override
    public List<Integer> headIndices() {
        return List.of(headIndex);
    }

    @Override
    public String describe() {
        return describe;
    }

    @Override
    public Predictions decode(Fields fields) {
        return new Predictions(List.of(), detections(fields));
    }

    /**
     * Decodes the boxes of one image.
     *
     * @param fields the image's fields; the CifDet head {@code [categories, 6, h, w]} is read
     * @return boxes in input pixels in seed order (best first before NMS)
     */
    public List<Detection> detections(Fields fields) {
        HeadFields det = fields.head(headIndex);
        if (det.meta().nFields() != meta.nFields() || det.meta().stride() != meta.stride()
                || !(det.meta() instanceof CifDetMeta)) {
            throw new IllegalArgumentException("fields of " + det.meta().fullName() + " do not match the decoder's head "
                    + meta.fullName());
        }
        Workspace ws = workspaces.get();
        int stride = meta.stride();
        ws.hr.reset(meta.nFields(), det.height(), det.width(), stride);
        ws.hr.accumulateCifDet(det, config.cifThreshold());
        collectSeeds(det, ws.hr, ws.seeds);
        ws.occupancy.reset(meta.nFields(), ws.hr.height(), ws.hr.width());

        // boxes as x1, y1, x2, y2 before NMS
        int n = 0;
        int[] categories = ws.categories;
        double[] scores = ws.scores;
        double[] boxes = ws.boxes;
        Seeds seeds = ws.seeds;
        for (int rank = 0; rank < seeds.size() && n < MAX_DETECTIONS_BEFORE_NMS; rank++) {
            int f = seeds.field(rank);
            float x = seeds.x(rank);
            float y = seeds.y(rank);
            float w = seeds.a(rank);
            float h = seeds.b(rank);
            if (ws.occupancy.get(f, x, y)) {
                continue;
            }
            ws.occupancy.set(f, x, y, 0.1 * Math.min(w, h));
            categories[n] = f + 1;
            scores[n] = seeds.v(rank);
            boxes[4 * n] = x - 0.5f * w;
            boxes[4 * n + 1] = y - 0.5f * h;
            boxes[4 * n + 2] = x + 0.5f * w;
            boxes[4 * n + 3] = y + 0.5f * h;
            n++;
        }

        suppress(n, categories, scores, boxes);
        List<Detection> result = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (scores[i] > config.instanceThreshold()) {
                result.add(new Detection(categories[i], boxes[4 * i], boxes[4 * i + 1],
                        boxes[4 * i + 2] - boxes[4 * i], boxes[4 * i + 3] - boxes[4 * i + 1], scores[i]));
            }
        }
        return result;
    }

    /** Seeds: cells with c >= seed threshold, rescored to {@code 0.9 HR + 0.1 c}, with box width and height. */
    private void collectSeeds(HeadFields det, CifHr hr, Seeds seeds) {
        seeds.clear();
        float th = (float) config.seedThreshold();
        int stride = meta.stride();
        int cells = det.height() * det.width();
        float[] data = det.data();
        for (int f = 0; f < meta.nFields(); f++) {
            int c = det.plane(f, 1);
            int px = det.plane(f, 2);
            int py = px + cells;
            int pw = det.plane(f, 4);
            int ph = pw + cells;
            for (int i = 0; i < cells; i++) {
                float confidence = data[c + i];
                if (!(confidence >= th)) {
                    continue;
                }
                float x = data[px + i] * stride;
                float y = data[py + i] * stride;
                float v = (float) (0.9 * hr.value(f, x, y, -1.0f) + 0.1 * confidence);
                if (!(v >= th)) {
                    continue;
                }
                seeds.add(f, v, x, y, data[pw + i] * stride, data[ph + i] * stride);
            }
        }
        seeds.sort();
    }

    /**
     * torchvision's {@code batched_nms} on boxes already in descending score order: a box
     * overlapping a kept box of its category by IoU above the threshold is suppressed, and
     * suppressed scores are multiplied by {@link #SUPPRESSION}.
     */
    static void suppress(int n, int[] categories, double[] scores, double[] boxes) {
        boolean[] suppressed = new boolean[n];
        for (int i = 0; i < n; i++) {
            if (suppressed[i]) {
                continue;
            }
            for (int k = i + 1; k < n; k++) {
                if (!suppressed[k] && categories[k] == categories[i] && iou(boxes, i, k) > IOU_THRESHOLD) {
                    suppressed[k] = true;
                }
            }
        }
        for (int i = 0; i < n; i++) {
            if (suppressed[i]) {
                scores[i] *= SUPPRESSION;
            }
        }
    }

    private static double iou(double[] boxes, int a, int b) {
        double areaA = (boxes[4 * a + 2] - boxes[4 * a]) * (boxes[4 * a + 3] - boxes[4 * a + 1]);
        double areaB = (boxes[4 * b + 2] - boxes[4 * b]) * (boxes[4 * b + 3] - boxes[4 * b + 1]);
        double w = Math.min(boxes[4 * a + 2], boxes[4 * b + 2]) - Math.max(boxes[4 * a], boxes[4 * b]);
        double h = Math.min(boxes[4 * a + 3], boxes[4 * b + 3]) - Math.max(boxes[4 * a + 1], boxes[4 * b + 1]);
        double intersection = Math.max(0.0, w) * Math.max(0.0, h);
        return intersection / (areaA + areaB - intersection);
    }

    /** One thread's reusable buffers. */
    private static final class Workspace {
        final CifHr hr = new CifHr();
        final Seeds seeds = new Seeds();
        final Occupancy occupancy = new Occupancy();
        final int[] categories = new int[MAX_DETECTIONS_BEFORE_NMS];
        final double[] scores = new double[MAX_DETECTIONS_BEFORE_NMS];
        final double[] boxes = new double[4 * MAX_DETECTIONS_BEFORE_NMS];
    }
}
