package dev.trainyard.trainer.dist;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.io.PrintStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The collectives of a job started by {@code mpirun} or {@code srun}, on Open MPI's C library
 * ({@code libmpi.so.40}) through the foreign-function API, over {@code MPI_COMM_WORLD}.
 *
 * <p>Errors come back as return codes ({@code MPI_ERRORS_RETURN}) and are thrown as
 * {@link MpiException} with MPI's text. A collective that takes longer than the timeout ends the
 * job: the {@link CollectiveWatchdog} prints one line naming this rank, the call and the time
 * waited to stderr and calls {@code MPI_Abort}, after which {@code mpirun} kills every rank and
 * exits with {@link CollectiveTimeoutException#EXIT_STATUS}. A rank that dies is seen by the
 * launcher itself, which ends the others the same way.
 *
 * <p>One thread at a time may call the collectives (every rank calls them in the same order
 * anyway); MPI is initialised once per process, so a process opens at most one.
 */
public final class MpiCollective implements Collective {

    /** A collective may wait this long for the slowest rank unless told otherwise ({@code --ddp-timeout}). */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(300);

    /** MPI counts are C ints: longer buffers go in chunks of this many elements. */
    private static final long MAX_CHUNK = Integer.MAX_VALUE;

    /** If MPI_Abort itself hangs (it talks to the launcher), the process halts after this long. */
    private static final Duration ABORT_GRACE = Duration.ofSeconds(10);

    private static final AtomicBoolean INITIALISED = new AtomicBoolean();

    private final OpenMpiLibrary mpi;
    private final CollectiveWatchdog watchdog;
    private final int rank;
    private final int size;
    private final int localRank;
    private final int threadLevel;
    private MemorySegment scratch = MemorySegment.NULL;
    private boolean closed;

    private MpiCollective(OpenMpiLibrary mpi, CollectiveWatchdog watchdog, int rank, int size, int localRank,
            int threadLevel) {
        this.mpi = mpi;
        this.watchdog = watchdog;
        this.rank = rank;
        this.size = size;
        this.localRank = localRank;
        this.threadLevel = threadLevel;
    }

    /**
     * Initialises MPI and joins the job.
     *
     * @param timeout how long any collective (initialisation included) may wait before the job is aborted
     * @throws UnsatisfiedLinkError when Open MPI's library cannot be loaded
     * @throws MpiException when an MPI call fails
     * @throws IllegalStateException when MPI was already initialised in this process
     */
    public static MpiCollective open(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        OpenMpiLibrary mpi = OpenMpiLibrary.load();
        if (!INITIALISED.compareAndSet(false, true)) {
            throw new IllegalStateException("Open MPI was already initialised in this process; it can be only once");
        }
        AtomicBoolean mpiReady = new AtomicBoolean();
        CollectiveWatchdog watchdog = new CollectiveWatchdog(timeout, "pid " + ProcessHandle.current().pid(),
                e -> abortJob(mpi, mpiReady.get(), e, System.err));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(JAVA_INT);
            mpi.check(mpi.initialized(out), "MPI_Initialized");
            if (out.get(JAVA_INT, 0) != 0) {
                throw new IllegalStateException("Open MPI was already initialised in this process; it can be only once");
            }
            // Multiple: the watchdog calls MPI_Abort from its own thread while a collective blocks.
            watchdog.begin("MPI_Init_thread", -1, "");
            int rc = mpi.initThread(OpenMpiLibrary.MPI_THREAD_MULTIPLE, out);
            watchdog.end();
            mpi.check(rc, "MPI_Init_thread");
            int threadLevel = out.get(JAVA_INT, 0);
            mpiReady.set(true);
            mpi.check(mpi.commSetErrhandler(mpi.commWorld, mpi.errorsReturn), "MPI_Comm_set_errhandler");
            mpi.check(mpi.commRank(mpi.commWorld, out), "MPI_Comm_rank");
            int rank = out.get(JAVA_INT, 0);
            mpi.check(mpi.commSize(mpi.commWorld, out), "MPI_Comm_size");
            int size = out.get(JAVA_INT, 0);
            watchdog.identify("rank " + rank + " of " + size);
            int localRank = nodeLocalRank(mpi, watchdog, rank, arena);
            return new MpiCollective(mpi, watchdog, rank, size, localRank, threadLevel);
        } catch (RuntimeException | Error e) {
            watchdog.close();
            throw e;
        }
    }

    /** The rank among the processes that share this node's memory (MPI_COMM_TYPE_SHARED). */
    private static int nodeLocalRank(OpenMpiLibrary mpi, CollectiveWatchdog watchdog, int rank, Arena arena) {
        MemorySegment nodeComm = arena.allocate(ADDRESS);
        MemorySegment out = arena.allocate(JAVA_INT);
        watchdog.begin("MPI_Comm_split_type", -1, "");
        int rc = mpi.commSplitType(mpi.commWorld, OpenMpiLibrary.MPI_COMM_TYPE_SHARED, rank, mpi.infoNull, nodeComm);
        watchdog.end();
        watchdog.throwIfFired();
        mpi.check(rc, "MPI_Comm_split_type");
        MemorySegment comm = nodeComm.get(ADDRESS, 0);
        mpi.check(mpi.commRank(comm, out), "MPI_Comm_rank");
        int localRank = out.get(JAVA_INT, 0);
        mpi.check(mpi.commFree(nodeComm), "MPI_Comm_free");
        return localRank;
    }

    /** Prints the timeout and ends the job; runs on the watchdog's thread. */
    private static void abortJob(OpenMpiLibrary mpi, boolean mpiReady, CollectiveTimeoutException e, PrintStream err) {
        err.println("trainyard: error: " + e.getMessage());
        err.flush();
        Thread.ofPlatform().daemon().name("collective-abort-grace").start(() -> {
            try {
                Thread.sleep(mpiReady ? ABORT_GRACE : Duration.ZERO);
            } catch (InterruptedException ignored) {
                // halt anyway
            }
            Runtime.getRuntime().halt(CollectiveTimeoutException.EXIT_STATUS);
        });
        if (mpiReady) {
            mpi.abort(mpi.commWorld, CollectiveTimeoutException.EXIT_STATUS);
        }
    }

    @Override
    public int rank() {
        return rank;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public int localRank() {
        return localRank;
    }

    /** The thread support MPI_Init_thread granted (3 is MPI_THREAD_MULTIPLE). */
    public int threadLevel() {
        return threadLevel;
    }

    /** Open MPI's version line, for benchmark and log headers. */
    public String libraryVersion() {
        return mpi.libraryVersion();
    }

    /** How long a collective may wait before the job is aborted. */
    public Duration timeout() {
        return watchdog.timeout();
    }

    @Override
    public void allReduceSum(MemorySegment buffer, long count) {
        Buffers.checkFloats(buffer, count);
        allReduce(buffer, count, JAVA_FLOAT, mpi.floatType, "floats");
    }

    @Override
    public void allReduceSum(float[] values) {
        MemorySegment native_ = scratch((long) values.length * Float.BYTES);
        MemorySegment.copy(values, 0, native_, JAVA_FLOAT, 0, values.length);
        allReduce(native_, values.length, JAVA_FLOAT, mpi.floatType, "floats");
        MemorySegment.copy(native_, JAVA_FLOAT, 0, values, 0, values.length);
    }

    @Override
    public void allReduceSum(double[] values) {
        MemorySegment native_ = scratch((long) values.length * Double.BYTES);
        MemorySegment.copy(values, 0, native_, JAVA_DOUBLE, 0, values.length);
        allReduce(native_, values.length, JAVA_DOUBLE, mpi.doubleType, "doubles");
        MemorySegment.copy(native_, JAVA_DOUBLE, 0, values, 0, values.length);
    }

    private void allReduce(MemorySegment buffer, long count, ValueLayout element, MemorySegment type, String unit) {
        ensureOpen();
        for (long offset = 0; offset < count; offset += MAX_CHUNK) {
            int n = (int) Math.min(MAX_CHUNK, count - offset);
            MemorySegment chunk = buffer.asSlice(offset * element.byteSize(), n * element.byteSize());
            watchdog.begin("MPI_Allreduce", n, unit);
            int rc = mpi.allreduce(OpenMpiLibrary.MPI_IN_PLACE, chunk, n, type, mpi.sumOp, mpi.commWorld);
            watchdog.end();
            finish(rc, "MPI_Allreduce");
        }
    }

    @Override
    public void broadcast(MemorySegment buffer, long count, int root) {
        Buffers.checkFloats(buffer, count);
        Buffers.checkRoot(root, size);
        ensureOpen();
        for (long offset = 0; offset < count; offset += MAX_CHUNK) {
            int n = (int) Math.min(MAX_CHUNK, count - offset);
            MemorySegment chunk = buffer.asSlice(offset * Float.BYTES, (long) n * Float.BYTES);
            watchdog.begin("MPI_Bcast", n, "floats");
            int rc = mpi.bcast(chunk, n, mpi.floatType, root, mpi.commWorld);
            watchdog.end();
            finish(rc, "MPI_Bcast");
        }
    }

    @Override
    public void barrier() {
        ensureOpen();
        watchdog.begin("MPI_Barrier", -1, "");
        int rc = mpi.barrier(mpi.commWorld);
        watchdog.end();
        finish(rc, "MPI_Barrier");
    }

    /** Finalises MPI; a second call does nothing. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        watchdog.begin("MPI_Finalize", -1, "");
        int rc = mpi.finalizeMpi();
        watchdog.end();
        watchdog.close();
        finish(rc, "MPI_Finalize");
    }

    @Override
    public String toString() {
        return "MpiCollective[rank " + rank + " of " + size + ", local rank " + localRank + "]";
    }

    private void finish(int rc, String call) {
        watchdog.throwIfFired();
        mpi.check(rc, call);
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the collective is closed (MPI_Finalize was called)");
        }
    }

    /** A native buffer of at least {@code bytes}, reused between calls on heap arrays. */
    private MemorySegment scratch(long bytes) {
        if (scratch.byteSize() < bytes) {
            scratch = Arena.ofAuto().allocate(Math.max(bytes, 2 * scratch.byteSize()), 64);
        }
        return scratch.asSlice(0, bytes);
    }
}
