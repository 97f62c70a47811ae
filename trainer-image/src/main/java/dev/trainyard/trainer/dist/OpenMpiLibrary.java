package dev.trainyard.trainer.dist;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;

/**
 * The part of Open MPI's C API the collectives use, bound through the foreign-function API on
 * {@code libmpi.so.40} (Open MPI 4.x, Debian's {@code libopenmpi3}). Each method returns the MPI
 * error code; {@link #check} turns a failure into an {@link MpiException} with MPI's own text.
 *
 * <p>Open MPI's predefined handles ({@code MPI_COMM_WORLD}, {@code MPI_FLOAT}, {@code MPI_SUM}, ...)
 * are the addresses of global objects in the library, and {@code MPI_IN_PLACE} is {@code (void *) 1}
 * (mpi.h); MPICH's integer handles would need different bindings.
 */
final class OpenMpiLibrary {

    static final String LIBRARY = "libmpi.so.40";

    static final int MPI_SUCCESS = 0;
    static final int MPI_THREAD_MULTIPLE = 3;
    static final int MPI_COMM_TYPE_SHARED = 0;
    private static final int MPI_MAX_ERROR_STRING = 256;
    private static final int MPI_MAX_LIBRARY_VERSION_STRING = 256;
    private static final int RTLD_NOW = 2;
    private static final int RTLD_GLOBAL = 0x100;

    static final MemorySegment MPI_IN_PLACE = MemorySegment.ofAddress(1);

    final MemorySegment commWorld;
    final MemorySegment floatType;
    final MemorySegment doubleType;
    final MemorySegment sumOp;
    final MemorySegment infoNull;
    final MemorySegment errorsReturn;

    private final MethodHandle initialized;
    private final MethodHandle finalized;
    private final MethodHandle initThread;
    private final MethodHandle finalizeCall;
    private final MethodHandle abort;
    private final MethodHandle commRank;
    private final MethodHandle commSize;
    private final MethodHandle commSplitType;
    private final MethodHandle commFree;
    private final MethodHandle commSetErrhandler;
    private final MethodHandle allreduce;
    private final MethodHandle bcast;
    private final MethodHandle barrierCall;
    private final MethodHandle errorString;
    private final MethodHandle libraryVersion;

    private OpenMpiLibrary(SymbolLookup mpi) {
        commWorld = symbol(mpi, "ompi_mpi_comm_world");
        floatType = symbol(mpi, "ompi_mpi_float");
        doubleType = symbol(mpi, "ompi_mpi_double");
        sumOp = symbol(mpi, "ompi_mpi_op_sum");
        infoNull = symbol(mpi, "ompi_mpi_info_null");
        errorsReturn = symbol(mpi, "ompi_mpi_errors_return");
        initialized = function(mpi, "MPI_Initialized", ADDRESS);
        finalized = function(mpi, "MPI_Finalized", ADDRESS);
        initThread = function(mpi, "MPI_Init_thread", ADDRESS, ADDRESS, JAVA_INT, ADDRESS);
        finalizeCall = function(mpi, "MPI_Finalize");
        abort = function(mpi, "MPI_Abort", ADDRESS, JAVA_INT);
        commRank = function(mpi, "MPI_Comm_rank", ADDRESS, ADDRESS);
        commSize = function(mpi, "MPI_Comm_size", ADDRESS, ADDRESS);
        commSplitType = function(mpi, "MPI_Comm_split_type", ADDRESS, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS);
        commFree = function(mpi, "MPI_Comm_free", ADDRESS);
        commSetErrhandler = function(mpi, "MPI_Comm_set_errhandler", ADDRESS, ADDRESS);
        allreduce = function(mpi, "MPI_Allreduce", ADDRESS, ADDRESS, JAVA_INT, ADDRESS, ADDRESS, ADDRESS);
        bcast = function(mpi, "MPI_Bcast", ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS);
        barrierCall = function(mpi, "MPI_Barrier", ADDRESS);
        errorString = function(mpi, "MPI_Error_string", JAVA_INT, ADDRESS, ADDRESS);
        libraryVersion = function(mpi, "MPI_Get_library_version", ADDRESS, ADDRESS);
    }

    /**
     * Loads the library. It is opened with {@code RTLD_GLOBAL} first because Open MPI's plugins
     * ({@code mca_*.so}) resolve libmpi's symbols from the global namespace; the JDK's own loader
     * opens libraries locally.
     *
     * @throws UnsatisfiedLinkError when the library or one of its symbols is missing
     */
    static OpenMpiLibrary load() {
        Linker linker = Linker.nativeLinker();
        MethodHandle dlopen = linker.downcallHandle(
                linker.defaultLookup().find("dlopen").orElseThrow(() -> new UnsatisfiedLinkError("no dlopen in libc")),
                FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_INT));
        MethodHandle dlerror = linker.downcallHandle(
                linker.defaultLookup().find("dlerror").orElseThrow(() -> new UnsatisfiedLinkError("no dlerror in libc")),
                FunctionDescriptor.of(ADDRESS));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment handle = (MemorySegment) dlopen.invokeExact(arena.allocateFrom(LIBRARY), RTLD_NOW | RTLD_GLOBAL);
            if (handle.equals(MemorySegment.NULL)) {
                MemorySegment message = (MemorySegment) dlerror.invokeExact();
                throw new UnsatisfiedLinkError(message.equals(MemorySegment.NULL)
                        ? "cannot open " + LIBRARY
                        : message.reinterpret(Integer.MAX_VALUE).getString(0));
            }
        } catch (UnsatisfiedLinkError e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("dlopen(" + LIBRARY + ") failed", e);
        }
        // The library stays loaded for the life of the process: MPI cannot be initialised twice.
        return new OpenMpiLibrary(SymbolLookup.libraryLookup(LIBRARY, Arena.global()));
    }

    private static MemorySegment symbol(SymbolLookup lookup, String name) {
        return lookup.find(name).orElseThrow(() -> new UnsatisfiedLinkError(LIBRARY + " has no symbol " + name
                + " (is it Open MPI 4.x?)"));
    }

    private static MethodHandle function(SymbolLookup lookup, String name, java.lang.foreign.MemoryLayout... args) {
        return Linker.nativeLinker().downcallHandle(symbol(lookup, name), FunctionDescriptor.of(JAVA_INT, args));
    }

    int initialized(MemorySegment flag) {
        return call(() -> (int) initialized.invokeExact(flag));
    }

    int finalized(MemorySegment flag) {
        return call(() -> (int) finalized.invokeExact(flag));
    }

    int initThread(int required, MemorySegment provided) {
        return call(() -> (int) initThread.invokeExact(MemorySegment.NULL, MemorySegment.NULL, required, provided));
    }

    int finalizeMpi() {
        return call(() -> (int) finalizeCall.invokeExact());
    }

    int abort(MemorySegment comm, int code) {
        return call(() -> (int) abort.invokeExact(comm, code));
    }

    int commRank(MemorySegment comm, MemorySegment rank) {
        return call(() -> (int) commRank.invokeExact(comm, rank));
    }

    int commSize(MemorySegment comm, MemorySegment size) {
        return call(() -> (int) commSize.invokeExact(comm, size));
    }

    int commSplitType(MemorySegment comm, int type, int key, MemorySegment info, MemorySegment newComm) {
        return call(() -> (int) commSplitType.invokeExact(comm, type, key, info, newComm));
    }

    int commFree(MemorySegment commPointer) {
        return call(() -> (int) commFree.invokeExact(commPointer));
    }

    int commSetErrhandler(MemorySegment comm, MemorySegment handler) {
        return call(() -> (int) commSetErrhandler.invokeExact(comm, handler));
    }

    int allreduce(MemorySegment send, MemorySegment receive, int count, MemorySegment type, MemorySegment op,
            MemorySegment comm) {
        return call(() -> (int) allreduce.invokeExact(send, receive, count, type, op, comm));
    }

    int bcast(MemorySegment buffer, int count, MemorySegment type, int root, MemorySegment comm) {
        return call(() -> (int) bcast.invokeExact(buffer, count, type, root, comm));
    }

    int barrier(MemorySegment comm) {
        return call(() -> (int) barrierCall.invokeExact(comm));
    }

    /** The library's version line, e.g. "Open MPI v4.1.4, package: Debian OpenMPI, ...". */
    String libraryVersion() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment text = arena.allocate(MPI_MAX_LIBRARY_VERSION_STRING + 1);
            MemorySegment length = arena.allocate(JAVA_INT);
            check(call(() -> (int) libraryVersion.invokeExact(text, length)), "MPI_Get_library_version");
            return text.getString(0).lines().findFirst().orElse("").strip();
        }
    }

    /** MPI's text for an error code, e.g. "MPI_ERR_COUNT: invalid count argument". */
    String errorString(int code) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment text = arena.allocate(MPI_MAX_ERROR_STRING + 1);
            MemorySegment length = arena.allocate(JAVA_INT);
            int rc = call(() -> (int) errorString.invokeExact(code, text, length));
            if (rc != MPI_SUCCESS) {
                return "MPI error " + code;
            }
            int n = Math.clamp(length.get(JAVA_INT, 0), 0, MPI_MAX_ERROR_STRING);
            return new String(text.asSlice(0, n).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE),
                    StandardCharsets.UTF_8);
        }
    }

    /** Throws when {@code code} is not {@code MPI_SUCCESS}, naming the call and MPI's text. */
    void check(int code, String call) {
        if (code != MPI_SUCCESS) {
            throw new MpiException(call + " failed: " + errorString(code) + " (error " + code + ")");
        }
    }

    @FunctionalInterface
    private interface NativeCall {
        int invoke() throws Throwable;
    }

    private static int call(NativeCall nativeCall) {
        try {
            return nativeCall.invoke();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
