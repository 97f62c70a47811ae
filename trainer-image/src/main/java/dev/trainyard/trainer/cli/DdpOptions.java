package dev.trainyard.trainer.cli;

import dev.trainyard.trainer.BadInputException;
import dev.trainyard.trainer.dist.Collective;
import dev.trainyard.trainer.dist.Collectives;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The data-parallel flags {@code train} and {@code benchmark} share, and what follows from them. */
public final class DdpOptions {

    @Option(names = "--ddp", description = "distributed data parallel: this process is one of a job started by"
            + " mpirun or srun (one process per device)")
    boolean ddp;

    @Option(names = "--no-sync-batchnorm", description = "in DDP mode, BatchNorm statistics per process"
            + " (the default in this version)")
    boolean noSyncBatchnorm;

    @Option(names = "--sync-batchnorm", description = "in DDP mode, BatchNorm statistics of the global batch"
            + " (SyncBatchNorm; experimental: see docs/distributed.md)")
    boolean syncBatchnorm;

    @Option(names = "--ddp-timeout", defaultValue = "300", paramLabel = "SECONDS",
            description = "in DDP mode, end the job when a collective waits longer (a dead or hung rank;"
                    + " default: ${DEFAULT-VALUE})")
    int timeout;

    @Option(names = "--ddp-bucket-mb", defaultValue = "25", paramLabel = "MB",
            description = "in DDP mode, gradients are averaged in buckets of this size (default: ${DEFAULT-VALUE})")
    int bucketMb;

    /** Rejects contradictory or out-of-range values in one line. */
    void validate() {
        if (timeout < 1) {
            throw new BadInputException("--ddp-timeout must be at least 1 second, got " + timeout);
        }
        if (syncBatchnorm && noSyncBatchnorm) {
            throw new BadInputException("--sync-batchnorm and --no-sync-batchnorm contradict each other; give one");
        }
        if (bucketMb < 1) {
            throw new BadInputException("--ddp-bucket-mb must be at least 1, got " + bucketMb);
        }
    }

    /** This process's job: the Open MPI job with {@code --ddp}, otherwise a single process (refused under mpirun). */
    Collective open() {
        return Collectives.open(ddp, Duration.ofSeconds(timeout));
    }

    /** Whether BatchNorm layers synchronise over {@code processes}. */
    boolean synchronisesBatchNorm(Collective processes) {
        return processes.isDistributed() && syncBatchnorm;
    }

    /** Whether neither BatchNorm flag was given (the per-process default deserves a note). */
    boolean batchNormUnspecified() {
        return !syncBatchnorm && !noSyncBatchnorm;
    }

    long bucketBytes() {
        return (long) bucketMb << 20;
    }
}
