package dev.idle.internal.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idle.api.data.DataMap;
import dev.idle.internal.UpstreamCorpusGuard;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The upstream IdLE sample workflows are the parser's real-world corpus: every one must load. */
class UpstreamWorkflowsTest {

    /** Tests run in the module directory; the samples sit beside the repository root. */
    private static Path samples() {
        Path repositoryRoot = Path.of("").toAbsolutePath().getParent().getParent();
        return repositoryRoot.resolve("../shared/upstream-workflows").normalize();
    }

    @Test
    void everyUpstreamWorkflowParses() throws IOException {
        Path dir = samples();
        UpstreamCorpusGuard.require(dir);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(p -> p.toString().toLowerCase().endsWith(".psd1")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            Object loaded = DataFileLoader.load(file);
            assertThat(loaded).as(file.toString()).isInstanceOf(DataMap.class);
            DataMap workflow = (DataMap) loaded;
            assertThat(workflow.get("Name")).as(file + " Name").isInstanceOf(String.class);
            assertThat(workflow.get("Steps")).as(file + " Steps").isInstanceOf(List.class);
            assertThat((List<?>) workflow.get("Steps")).as(file + " Steps").isNotEmpty()
                    .allSatisfy(step -> assertThat(step).isInstanceOf(DataMap.class));
        }
    }

    @Test
    void hereStringInUpstreamTemplateKeepsItsMarkup() {
        Path file = samples().resolve("templates/exo-leaver.psd1");
        UpstreamCorpusGuard.require(file);
        String text = String.valueOf(DataFileLoader.load(file));
        assertThat(text).contains("<p>This mailbox is no longer monitored.</p>");
    }
}
