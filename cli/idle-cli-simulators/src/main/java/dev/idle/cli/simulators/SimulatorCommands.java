package dev.idle.cli.simulators;

import dev.idle.cli.spi.CommandPlugin;
import java.util.List;

/**
 * The CLI plug-in of the developer-tool simulators: {@code idle graph-simulator} and {@code idle winrm-simulator}.
 * Registered in {@code META-INF/services/dev.idle.cli.spi.CommandPlugin}; a package without this jar has neither
 * command.
 */
public final class SimulatorCommands implements CommandPlugin {
    @Override
    public List<Object> commands() {
        return List.of(new GraphSimulatorCommand(), new WinRmSimulatorCommand());
    }
}
