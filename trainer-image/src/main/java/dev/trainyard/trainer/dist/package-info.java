/**
 * Data-parallel training across processes: the {@link dev.trainyard.trainer.dist.Collective}
 * operations (all-reduce, broadcast, barrier) on Open MPI through the foreign-function API, the
 * single-process stand-in, and how a process finds its rank from {@code mpirun}, {@code srun} or
 * explicit variables.
 */
package dev.trainyard.trainer.dist;
