package dev.idle.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code idle --version} names the commit the CLI was built from, and {@code idle completion bash} prints a script
 * that bash really completes the commands and options with.
 */
class VersionAndCompletionTest {
    @TempDir
    Path dir;

    @Test
    void versionNamesTheCommitTheCliWasBuiltFrom() throws Exception {
        String head = run(List.of("git", "rev-parse", "--short=7", "HEAD"));
        assumeTrue(head != null && head.matches("[0-9a-f]{7,}\\s*"), "not a git checkout");

        CliRun version = CliRun.of("--version");

        assertThat(version.exit()).isZero();
        assertThat(version.out()).matches("idle \\S.* \\(commit [0-9a-f]{7,}(, modified)?\\)\\R");
        assertThat(version.out()).contains("(commit " + head.strip());
    }

    @Test
    void theBashCompletionScriptCompletesCommandsAndTheirOptions() throws Exception {
        CliRun script = CliRun.of("completion", "bash");
        assertThat(script.exit()).as(script.err()).isZero();
        Path file = dir.resolve("idle-completion.bash");
        Files.writeString(file, script.out(), StandardCharsets.UTF_8);

        assertThat(complete(file, "idle wor")).containsExactly("worker");
        assertThat(complete(file, "idle submit --not")).containsExactly("--not-before");
        assertThat(complete(file, "idle approve --sub")).containsExactly("--submission");
    }

    @Test
    void anUnknownShellIsAUsageErrorNamingTheShellsThereAre() {
        CliRun fish = CliRun.of("completion", "fish");

        assertThat(fish.exit()).isEqualTo(IdleCli.USAGE);
        assertThat(fish.err()).contains("bash, zsh");
    }

    /** The words bash completes {@code line} (cursor at its end) to, through the function the script registers. */
    private List<String> complete(Path script, String line) throws Exception {
        String[] words = line.split(" ");
        String program = "source '" + script + "'; COMP_WORDS=(" + line + "); COMP_CWORD=" + (words.length - 1)
                + "; COMP_LINE='" + line + "'; COMP_POINT=" + line.length() + "; _complete_idle;"
                + " printf '%s\\n' \"${COMPREPLY[@]}\"";
        String out = run(List.of("bash", "--noprofile", "--norc", "-c", program));
        assumeTrue(out != null, "no bash on this machine");
        return out.lines().map(String::strip).filter(w -> !w.isEmpty()).toList();
    }

    /** The standard output of {@code command}, or null when it cannot run or fails. */
    private static String run(List<String> command) throws InterruptedException {
        try {
            // stderr dropped: outside an interactive shell bash warns that compopt has no completion to act on
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        }
    }
}
