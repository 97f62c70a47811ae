package dev.trainyard.trainer.decoder;

import dev.trainyard.trainer.head.CafMeta;
import dev.trainyard.trainer.head.CifMeta;
import dev.trainyard.trainer.head.Connection;
import dev.trainyard.trainer.head.HeadMeta;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The reference's {@code cifcaf} decoder (its C++ {@code CifCaf}): seeds from a high-resolution
 * CIF map, poses grown best-first along the skeleton through scored CAF associations, occupancy to
 * skip seeds of known joints, optional force-complete, keypoint NMS and the instance score.
 * With {@code --dense-connections} a dense CAF head's connections join the skeleton.
 */
public final class CifCafDecoder implements Decoder {

    /** CAF rescoring floor: associations keep this fraction of their confidence where the HR map is 0. */
    static final double CIF_FLOOR = 0.1;
    /** Candidate window half-width in half joint scales: normal growth, and the completion pass. */
    static final double FILTER_SIGMAS = 1.0;
    static final double COMPLETION_FILTER_SIGMAS = 4.0;

    private final DecoderConfig config;
    private final List<HeadMeta> networkHeads;
    private final int cifIndex;
    private final int[] cafIndices;
    private final CifMeta cif;
    private final List<CafMeta> cafs;
    private final int[][] connections;
    private final double[] scoreWeights;
    private final String describe;
    private final ThreadLocal<Workspace> workspaces;

    /**
     * @param cifIndex network head index of the CIF head
     * @param cafIndices network head indices of the CAF head and, for dense connections, the dense CAF head
     * @param requestIndex position among the cifcaf candidates, for {@link #describe()}
     */
    CifCafDecoder(DecoderConfig config, List<HeadMeta> networkHeads, int cifIndex, int[] cafIndices, int requestIndex) {
        this.config = config;
        this.networkHeads = List.copyOf(networkHeads);
        this.cifIndex = cifIndex;
        this.cafIndices = cafIndices.clone();
        this.cif = (CifMeta) networkHeads.get(cifIndex);
        List<CafMeta> cafList = new ArrayList<>();
        List<int[]> joints = new ArrayList<>();
        for (int index : cafIndices) {
            CafMeta caf = (CafMeta) networkHeads.get(index);
            cafList.add(caf);
            for (Connection c : caf.skeleton()) {
                joints.add(new int[] {c.fromIndex(), c.toIndex()});
            }
        }
        this.cafs = List.copyOf(cafList);
        this.connections = joints.toArray(int[][]::new);
        this.scoreWeights = cif.scoreWeights().stream().mapToDouble(Double::doubleValue).toArray();
        this.describe = DecoderRequest.CIFCAF + ":" + requestIndex + " ("
                + cif.fullName() + " + " + cafs.stream().map(HeadMeta::fullName).collect(Collectors.joining(" + ")) + ")";
        int n = cif.nFields();
        this.workspaces = ThreadLocal.withInitial(() -> new Workspace(n, connections, config));
    }

    @Override
    public List<HeadMeta> networkHeads() {
        return networkHeads;
    }

    @Override
    public List<Integer> headIndices() {
        List<Integer> indices = new ArrayList<>();
        indices.add(cifIndex);
        for (int index : cafIndices) {
            indices.add(index);
        }
        return List.copyOf(indices);
    }

    @Override
    public String describe() {
        return describe;
    }

    @Override
    public Predictions decode(Fields fields) {
        return new Predictions(poses(fields), List.of());
    }

    /**
     * Decodes the poses of one image.
     *
     * @param fields the image's fields; the CIF head {@code [keypoints, 5, h, w]} and the CAF heads
     *     {@code [connections, 8, h, w]} are read
     * @return poses in input pixels, by mean joint score, best first
     */
    public List<Pose> poses(Fields fields) {
        HeadFields cifFields = check(fields.head(cifIndex), cif);
        List<HeadFields> cafFields = new ArrayList<>(cafIndices.length);
        for (int i = 0; i < cafIndices.length; i++) {
            cafFields.add(check(fields.head(cafIndices[i]), cafs.get(i)));
        }
        Workspace ws = workspaces.get();
        int n = cif.nFields();

        ws.hr.reset(n, cifFields.height(), cifFields.width(), cif.stride());
        ws.hr.accumulateCif(cifFields, config.cifThreshold());
        collectSeeds(cifFields, ws.hr, ws.seeds);
        ws.caf.fill(cafFields, connections, ws.hr, config.cafThreshold(), CIF_FLOOR);
        ws.occupancy.reset(n, ws.hr.height(), ws.hr.width());

        List<double[]> poses = new ArrayList<>();
        Seeds seeds = ws.seeds;
        for (int rank = 0; rank < seeds.size(); rank++) {
            int f = seeds.field(rank);
            float x = seeds.x(rank);
            float y = seeds.y(rank);
            if (ws.occupancy.get(f, x, y)) {
                continue;
            }
            double[] pose = new double[4 * n];
            pose[4 * f] = seeds.v(rank);
            pose[4 * f + 1] = x;
            pose[4 * f + 2] = y;
            pose[4 * f + 3] = seeds.a(rank);
            ws.grower.grow(pose, ws.caf, true, FILTER_SIGMAS);
            for (int j = 0; j < n; j++) {
                if (pose[4 * j] != 0.0) {
                    ws.occupancy.set(j, pose[4 * j + 1], pose[4 * j + 2], pose[4 * j + 3]);
                }
            }
            poses.add(pose);
        }

        if (config.forceCompletePose()) {
            ws.completion.fill(cafFields, connections, ws.hr, config.completionCafThreshold(), CIF_FLOOR);
            for (double[] pose : poses) {
                ws.grower.grow(pose, ws.completion, false, COMPLETION_FILTER_SIGMAS);
            }
            for (double[] pose : poses) {
                ws.grower.floodFill(pose);
            }
        }

        List<double[]> kept = PoseNms.apply(ws.occupancy, poses, config.nmsKeypointThreshold(),
                config.instanceThreshold());
        List<Pose> result = new ArrayList<>(kept.size());
        for (double[] pose : kept) {
            double[][] keypoints = new double[n][];
            double[] scales = new double[n];
            for (int j = 0; j < n; j++) {
                keypoints[j] = new double[] {pose[4 * j + 1], pose[4 * j + 2], pose[4 * j]};
                scales[j] = pose[4 * j + 3];
            }
            result.add(Pose.scored(keypoints, scales, scoreWeights));
        }
        return result;
    }

    /**
     * Seeds: cells with c >= seed threshold, rescored to {@code 0.9 HR(x, y) + 0.1 c} (HR -1 outside
     * the map), kept when still at or above it.
     */
    private void collectSeeds(HeadFields fields, CifHr hr, Seeds seeds) {
        seeds.clear();
        float th = (float) config.seedThreshold();
        int stride = cif.stride();
        int cells = fields.height() * fields.width();
        float[] data = fields.data();
        for (int f = 0; f < cif.nFields(); f++) {
            int c = fields.plane(f, 1);
            int px = fields.plane(f, 2);
            int py = px + cells;
            int ps = fields.plane(f, 4);
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
                seeds.add(f, v, x, y, data[ps + i] * stride, 0.0f);
            }
        }
        seeds.sort();
    }

    private static HeadFields check(HeadFields fields, HeadMeta expected) {
        HeadMeta meta = fields.meta();
        if (meta.nFields() != expected.nFields() || meta.predictionChannels() != expected.predictionChannels()
                || meta.stride() != expected.stride()) {
            throw new IllegalArgumentException("fields of " + meta.fullName() + " (" + meta.nFields() + " fields, stride "
                    + meta.stride() + ") do not match the decoder's head " + expected.fullName() + " ("
                    + expected.nFields() + " fields, stride " + expected.stride() + ")");
        }
        return fields;
    }

    /** One thread's reusable buffers. */
    private static final class Workspace {
        final CifHr hr = new CifHr();
        final Seeds seeds = new Seeds();
        final CafScored caf = new CafScored();
        final CafScored completion = new CafScored();
        final Occupancy occupancy = new Occupancy();
        final PoseGrower grower;

        Workspace(int nKeypoints, int[][] connections, DecoderConfig config) {
            grower = new PoseGrower(nKeypoints, connections, config.growthKeypointThreshold(),
                    config.growthKeypointThresholdRel());
        }
    }
}
