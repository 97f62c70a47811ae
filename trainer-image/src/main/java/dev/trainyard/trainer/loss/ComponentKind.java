package dev.trainyard.trainer.loss;

/** What a loss component measures; fixes its name suffix and its Kendall auto-tuning. */
public enum ComponentKind {
    /** Focal confidence loss, {@code .c}; Kendall-tuned as a Gaussian. */
    CONFIDENCE(".c"),
    /** Laplace vector regressions, {@code .vec}; never Kendall-tuned (it has its own uncertainty). */
    REGRESSION(".vec"),
    /** Scale regressions, {@code .scales}; Kendall-tuned as a Laplace. */
    SCALE(".scales");

    private final String suffix;

    ComponentKind(String suffix) {
        this.suffix = suffix;
    }

    /** The suffix after the head's full name, e.g. {@code .vec}. */
    public String suffix() {
        return suffix;
    }
}
