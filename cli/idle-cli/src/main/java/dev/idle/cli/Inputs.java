package dev.idle.cli;

import dev.idle.api.Host;
import dev.idle.api.LifecycleRequest;
import java.nio.file.Path;

/** Reading the files a user passes. */
final class Inputs {
    private Inputs() {
    }

    static LifecycleRequest request(Path file) {
        return LifecycleRequest.load(file);
    }

    static Host host(Path file) {
        return file == null ? null : Host.load(file);
    }
}
