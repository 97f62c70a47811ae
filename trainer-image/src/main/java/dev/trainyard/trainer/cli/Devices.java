package dev.trainyard.trainer.cli;

import ai.djl.Device;
import ai.djl.engine.Engine;
import dev.trainyard.trainer.BadInputException;
import java.util.Locale;

/** {@code --device cpu|gpu} and {@code --disable-cuda}, shared by the commands that run a network. */
final class Devices {

    private Devices() {}

    /**
     * The device to run on: the one named, else a GPU when the PyTorch engine sees one (and
     * {@code --disable-cuda} is not given), else the CPU.
     */
    static Device select(String device, boolean disableCuda) {
        boolean gpuVisible = Engine.getInstance().getGpuCount() > 0;
        String choice = device != null ? device.toLowerCase(Locale.ROOT) : (gpuVisible && !disableCuda ? "gpu" : "cpu");
        if (disableCuda && "gpu".equals(choice)) {
            throw new BadInputException("--device gpu contradicts --disable-cuda");
        }
        return switch (choice) {
            case "cpu" -> Device.cpu();
            case "gpu" -> {
                if (!gpuVisible) {
                    throw new BadInputException("--device gpu: no GPU is visible to the PyTorch engine");
                }
                yield Device.gpu();
            }
            default -> throw new BadInputException("--device must be cpu or gpu, got " + device);
        };
    }
}
