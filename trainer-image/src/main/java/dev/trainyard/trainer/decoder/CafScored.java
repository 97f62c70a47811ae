package dev.trainyard.trainer.decoder;

import java.util.Arrays;
import java.util.List;

/**
 * The reference's scored associations: per connection, every CAF cell above the threshold as a
 * forward (first joint to second) and a backward association, its confidence rescored by the
 * high-resolution confidence at the joint it points to. Entries are {@link #STRIDE} floats:
 * c, source x, y, target x, y, source scale, target scale, in input pixels.
 */
final class CafScored {

    static final int STRIDE = 7;
    static final int C = 0;
    static final int SOURCE_X = 1;
    static final int SOURCE_Y = 2;
    static final int TARGET_X = 3;
    static final int TARGET_Y = 4;
    static final int TARGET_SCALE = 6;

    private float[][] forward = new float[0][];
    private float[][] backward = new float[0][];
    private int[] forwardCount = new int[0];
    private int[] backwardCount = new int[0];

    /**
     * Collects the associations of the CAF heads, whose fields are the connections
     * {@code joints[0..]} in order (the sparse head, then the dense one).
     *
     * @param cafs CAF fields {@code [connections, 8, h, w]} each
     * @param joints per connection, the zero-based first and second joint
     * @param threshold raw confidences below it are skipped; rescored ones must exceed it
     * @param cifFloor rescoring factor {@code cifFloor + (1 - cifFloor) * HR(target joint)}
     */
    void fill(List<HeadFields> cafs, int[][] joints, CifHr hr, double threshold, double cifFloor) {
        ensureConnections(joints.length);
        float th = (float) threshold;
        int connection = 0;
        for (HeadFields caf : cafs) {
            int stride = caf.meta().stride();
            int cells = caf.height() * caf.width();
            float[] data = caf.data();
            for (int f = 0; f < caf.meta().nFields(); f++, connection++) {
                forwardCount[connection] = 0;
                backwardCount[connection] = 0;
                int j1 = joints[connection][0];
                int j2 = joints[connection][1];
                int c = caf.plane(f, 1);
                int x1 = caf.plane(f, 2);
                int y1 = x1 + cells;
                int x2 = y1 + cells;
                int y2 = x2 + cells;
                int s1 = y2 + cells;
                int s2 = s1 + cells;
                for (int i = 0; i < cells; i++) {
                    float confidence = data[c + i];
                    if (!(confidence >= th)) {
                        continue;
                    }
                    float ax = data[x1 + i] * stride;
                    float ay = data[y1 + i] * stride;
                    float bx = data[x2 + i] * stride;
                    float by = data[y2 + i] * stride;
                    float as = data[s1 + i] * stride;
                    float bs = data[s2 + i] * stride;
                    float forwardC = (float) (confidence * (cifFloor + (1.0 - cifFloor) * hr.value(j2, bx, by, 0.0f)));
                    float backwardC = (float) (confidence * (cifFloor + (1.0 - cifFloor) * hr.value(j1, ax, ay, 0.0f)));
                    if (forwardC > th) {
                        add(true, connection, forwardC, ax, ay, bx, by, as, bs);
                    }
                    if (backwardC > th) {
                        add(false, connection, backwardC, bx, by, ax, ay, bs, as);
                    }
                }
            }
        }
    }

    /** Associations of {@code connection} from its first joint to its second ({@code forward}) or back. */
    float[] associations(int connection, boolean forwardDirection) {
        return forwardDirection ? forward[connection] : backward[connection];
    }

    int count(int connection, boolean forwardDirection) {
        return forwardDirection ? forwardCount[connection] : backwardCount[connection];
    }

    private void add(boolean forwardDirection, int connection, float c, float sx, float sy, float tx, float ty,
                     float ss, float ts) {
        float[][] lists = forwardDirection ? forward : backward;
        int[] counts = forwardDirection ? forwardCount : backwardCount;
        int n = counts[connection];
        float[] list = lists[connection];
        if ((n + 1) * STRIDE > list.length) {
            list = Arrays.copyOf(list, Math.max(16 * STRIDE, 2 * list.length));
            lists[connection] = list;
        }
        int at = n * STRIDE;
        list[at + C] = c;
        list[at + SOURCE_X] = sx;
        list[at + SOURCE_Y] = sy;
        list[at + TARGET_X] = tx;
        list[at + TARGET_Y] = ty;
        list[at + 5] = ss;
        list[at + TARGET_SCALE] = ts;
        counts[connection] = n + 1;
    }

    private void ensureConnections(int n) {
        if (forward.length >= n) {
            return;
        }
        int old = forward.length;
        forward = Arrays.copyOf(forward, n);
        backward = Arrays.copyOf(backward, n);
        forwardCount = Arrays.copyOf(forwardCount, n);
        backwardCount = Arrays.copyOf(backwardCount, n);
        for (int i = old; i < n; i++) {
            forward[i] = new float[16 * STRIDE];
            backward[i] = new float[16 * STRIDE];
        }
    }
}
