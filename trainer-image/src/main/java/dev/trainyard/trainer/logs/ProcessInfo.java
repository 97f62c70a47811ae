package dev.trainyard.trainer.logs;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code process} record of a training log: how the trainer was started.
 *
 * @param argv the command line as given
 * @param args resolved flag values by name ({@code lr}, {@code epochs}, {@code dataset}, ...), as text
 * @param version the trainer's build version, empty when the log does not say
 * @param hostname the machine that wrote the log, empty when the log does not say
 */
public record ProcessInfo(List<String> argv, Map<String, String> args, String version, String hostname) {

    /** What is known about a log without a {@code process} record. */
    public static final ProcessInfo UNKNOWN = new ProcessInfo(List.of(), Map.of(), "", "");

    public ProcessInfo {
        argv = List.copyOf(argv);
        args = Map.copyOf(args);
    }

    /** The resolved value of one flag, e.g. {@code arg("epochs")}. */
    public Optional<String> arg(String name) {
        return Optional.ofNullable(args.get(name));
    }
}
