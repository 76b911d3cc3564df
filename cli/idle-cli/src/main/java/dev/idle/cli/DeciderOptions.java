package dev.idle.cli;

import dev.idle.runner.DistributedRunner;
import dev.idle.runner.dbos.DbosClient;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What {@code idle approve} and {@code idle reject} share (a picocli mixin): who decides ({@code --by}) and the
 * runner's database. Not thread-safe: one command's options.
 */
final class DeciderOptions {
    @Option(names = "--by", paramLabel = "NAME", description = "Who decides (stored). Default: the OS user name.")
    String by = System.getProperty("user.name");

    @Mixin
    DatabaseOptions database;

    /**
     * Hands {@code decision} the runner (its approvals and releases), through a database client that starts no worker and is closed
     * after it.
     *
     * @throws CommandLine.ParameterException when the database or its user is not set
     */
    void decide(CommandLine cl, Consumer<DistributedRunner> decision) {
        try (DbosClient approvals = database.client()) {
            decision.accept(approvals);
        }
    }
}
