package dev.trainyard.trainer.decoder;

import java.util.Arrays;

/**
 * The growth frontier: a max-heap of connection candidates {@code start -> end} by priority, each
 * either pending (its joint not yet computed) or carrying a computed joint (v, x, y, s). Equal
 * priorities pop in insertion order. Primitive arrays, reused across poses.
 */
final class Frontier {

    private int size;
    private long sequence;
    /** Heap of entry slots. */
    private int[] heap = new int[32];
    private float[] priority = new float[32];
    private long[] order = new long[32];
    private int[] start = new int[32];
    private int[] end = new int[32];
    private boolean[] computed = new boolean[32];
    /** Computed joints, 4 per slot: v, x, y, s. */
    private double[] joint = new double[4 * 32];
    /** Slots of popped entries, reused by later pushes. */
    private int[] free = new int[32];
    private int freeCount;
    private int slots;

    void clear() {
        size = 0;
        freeCount = 0;
        slots = 0;
        sequence = 0;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Adds a pending candidate. */
    void push(float score, int startJoint, int endJoint) {
        int slot = allocate();
        computed[slot] = false;
        insert(slot, score, startJoint, endJoint);
    }

    /** Adds a candidate with its computed joint {@code (v, x, y, s)}, prioritised by v. */
    void push(double v, double x, double y, double s, int startJoint, int endJoint) {
        int slot = allocate();
        computed[slot] = true;
        joint[4 * slot] = v;
        joint[4 * slot + 1] = x;
        joint[4 * slot + 2] = y;
        joint[4 * slot + 3] = s;
        insert(slot, (float) v, startJoint, endJoint);
    }

    /** Removes the top entry and returns its slot, valid until the next push. */
    int pop() {
        int top = heap[0];
        size--;
        if (size > 0) {
            heap[0] = heap[size];
            siftDown(0);
        }
        free[freeCount++] = top;
        return top;
    }

    int start(int slot) {
        return start[slot];
    }

    int end(int slot) {
        return end[slot];
    }

    boolean computed(int slot) {
        return computed[slot];
    }

    /** Copies the computed joint of {@code slot} into {@code joints} at joint {@code index}. */
    void copyJoint(int slot, double[] joints, int index) {
        System.arraycopy(joint, 4 * slot, joints, 4 * index, 4);
    }

    private int allocate() {
        if (freeCount > 0) {
            return free[--freeCount];
        }
        if (slots == priority.length) {
            int n = 2 * slots;
            heap = Arrays.copyOf(heap, n);
            priority = Arrays.copyOf(priority, n);
            order = Arrays.copyOf(order, n);
            start = Arrays.copyOf(start, n);
            end = Arrays.copyOf(end, n);
            computed = Arrays.copyOf(computed, n);
            joint = Arrays.copyOf(joint, 4 * n);
            free = Arrays.copyOf(free, n);
        }
        return slots++;
    }

    private void insert(int slot, float score, int startJoint, int endJoint) {
        priority[slot] = score;
        order[slot] = sequence++;
        start[slot] = startJoint;
        end[slot] = endJoint;
        heap[size] = slot;
        siftUp(size++);
    }

    /** Whether slot {@code a} pops before slot {@code b}. */
    private boolean before(int a, int b) {
        return priority[a] > priority[b] || (priority[a] == priority[b] && order[a] < order[b]);
    }

    private void siftUp(int i) {
        int slot = heap[i];
        while (i > 0) {
            int parent = (i - 1) >> 1;
            if (!before(slot, heap[parent])) {
                break;
            }
            heap[i] = heap[parent];
            i = parent;
        }
        heap[i] = slot;
    }

    private void siftDown(int i) {
        int slot = heap[i];
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && before(heap[child + 1], heap[child])) {
                child++;
            }
            if (!before(heap[child], slot)) {
                break;
            }
            heap[i] = heap[child];
            i = child;
        }
        heap[i] = slot;
    }
}
