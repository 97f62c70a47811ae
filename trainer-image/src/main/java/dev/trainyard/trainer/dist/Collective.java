package dev.trainyard.trainer.dist;

import java.lang.foreign.MemorySegment;

/**
 * The collective operations data-parallel training needs, over all processes of one job. The
 * trainer talks only to this interface: {@link SingleProcess} when training alone, the Open MPI
 * implementation under {@code mpirun} or {@code srun}.
 *
 * <p>Every process must call the same collectives in the same order with buffers of the same
 * length; a collective that does not complete within the job's timeout ends the process with a
 * message naming the rank (see {@link CollectiveTimeoutException}).
 */
public interface Collective extends AutoCloseable {

    /** This process's rank in the job, 0 to {@code size() - 1}; rank 0 writes checkpoints and logs. */
    int rank();

    /** Number of processes in the job. */
    int size();

    /** This process's rank among the processes on its node (selects the GPU). */
    int localRank();

    /**
     * Sums {@code count} floats at the start of {@code buffer} element-wise over all processes,
     * in place: afterwards every process holds the same sums. {@code buffer} is native memory
     * (e.g. a tensor's own storage or an off-heap bucket).
     */
    void allReduceSum(MemorySegment buffer, long count);

    /** Sums a heap array over all processes, in place. */
    void allReduceSum(float[] values);

    /** Sums a heap array of doubles over all processes, in place (losses, counters). */
    void allReduceSum(double[] values);

    /** Copies {@code count} floats of {@code root}'s buffer into every other process's, in place. */
    void broadcast(MemorySegment buffer, long count, int root);

    /** Returns once every process has called it. */
    void barrier();

    /** Whether there is more than one process. */
    default boolean isDistributed() {
        return size() > 1;
    }

    /** Leaves the job (MPI_Finalize); no collective may follow. */
    @Override
    void close();
}
