package dev.trainyard.trainer.train;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Where a training run writes, named as the reference's: the output
 * {@code outputs/{basenet}-{yyMMdd-HHmmss}-{dataset}[-slurm{job}][-edge{E}][-o{NN}][s].ckpt},
 * checkpoints {@code {out}.epoch{NNN}}, the final copy {@code {stem}-{sha256[:8]}.ckpt} and the
 * log {@code {out}.log}.
 */
public record OutputPaths(Path out) {

    /** The extension of checkpoint files. */
    public static final String EXTENSION = ".ckpt";

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyMMdd-HHmmss", Locale.ROOT);

    /**
     * The reference's default output name.
     *
     * @param basenet the basenet, or the part of the refined checkpoint's file name before its first {@code -}
     * @param squareEdge the first dataset's crop edge; named when not the default 385
     * @param orientationInvariant the cocokp rotation probability, named as {@code oNN} when set
     * @param extendedScale named as {@code s}
     * @param slurmJobId {@code SLURM_JOB_ID}, or null
     */
    public static OutputPaths defaultFor(
            Path directory, String basenet, String dataset, LocalDateTime now, String slurmJobId, int squareEdge,
            double orientationInvariant, boolean extendedScale) {
        StringBuilder name = new StringBuilder()
                .append(basenet).append('-').append(STAMP.format(now)).append('-').append(dataset);
        if (slurmJobId != null && !slurmJobId.isBlank()) {
            name.append("-slurm").append(slurmJobId);
        }
        if (squareEdge != 385) {
            name.append("-edge").append(squareEdge);
        }
        if (orientationInvariant != 0 || extendedScale) {
            name.append('-');
            if (orientationInvariant != 0) {
                name.append(String.format(Locale.ROOT, "o%02.0f", orientationInvariant * 100));
            }
            if (extendedScale) {
                name.append('s');
            }
        }
        return new OutputPaths(directory.resolve(name + EXTENSION));
    }

    /** The basenet part of a refined checkpoint's file name, as the reference derives it. */
    public static String basenetOf(Path checkpoint) {
        String file = checkpoint.getFileName().toString();
        int dash = file.indexOf('-');
        return dash > 0 ? file.substring(0, dash) : file.replaceFirst("\\..*$", "");
    }

    /** {@code {out}.epoch{NNN}}. */
    public Path epoch(int epoch) {
        return out.resolveSibling(out.getFileName() + String.format(Locale.ROOT, ".epoch%03d", epoch));
    }

    /** {@code {stem}-{sha8}{ext}}: the final model, named by its content. */
    public Path finalFile(String sha256) {
        String name = out.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot) : "";
        return out.resolveSibling(stem + "-" + sha256.substring(0, 8) + ext);
    }

    /** {@code {out}.log}. */
    public Path log() {
        return out.resolveSibling(out.getFileName() + ".log");
    }
}
