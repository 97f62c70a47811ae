package dev.trainyard.trainer.dist;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Objects;

/** Argument checks shared by the collectives, so that a single process fails where a job would. */
final class Buffers {

    private Buffers() {
    }

    /** Rejects a buffer that is not native memory or holds fewer than {@code count} floats. */
    static void checkFloats(MemorySegment buffer, long count) {
        Objects.requireNonNull(buffer, "buffer");
        if (count < 0) {
            throw new IllegalArgumentException("negative count " + count);
        }
        if (!buffer.isNative()) {
            throw new IllegalArgumentException("a collective needs a native buffer, not a heap segment");
        }
        if (count > buffer.byteSize() / ValueLayout.JAVA_FLOAT.byteSize()) {
            throw new IllegalArgumentException("count " + count + " exceeds the buffer of "
                    + buffer.byteSize() + " bytes");
        }
    }

    static void checkRoot(int root, int size) {
        if (root < 0 || root >= size) {
            throw new IllegalArgumentException("root " + root + " is not a rank of a job of " + size);
        }
    }
}
