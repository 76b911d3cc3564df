package dev.idle.runner.dbos;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idle.api.IdleInputException;
import dev.idle.api.data.DataMap;

/**
 * A workflow definition as a submission carries it to the workers: the loaded tree as JSON (in the tree's own key
 * order, so the same file always gives the same text, whatever its format), the name of its source for messages, and
 * the SHA-256 of the JSON, under which workers keep it prepared ({@link WorkflowCache}).
 *
 * <p>The JSON rests in the database, so a definition that holds a secret value (text that looks like a credential,
 * or a literal under a secret-named key; a template there is fine, its value comes at run time) is refused, naming
 * where. Immutable and thread-safe.
 */
final class SubmittedWorkflow {
    private static final ObjectMapper JSON = new ObjectMapper();

    final String source;
    final String json;
    final String hash;

    SubmittedWorkflow(String source, String json, String hash) {
        this.source = source;
        this.json = json;
        this.hash = hash;
    }

    /**
     * The stored form of {@code tree}.
     *
     * @throws IdleInputException when the definition holds a secret value (its path is named, never the value)
     */
    static SubmittedWorkflow of(DataMap tree, String source) {
        String secretAt = SubmittedRequest.secretAt(tree, "workflow", true);
        if (secretAt != null) {
            throw new IdleInputException(source + ": the workflow holds a secret value at " + secretAt + "; a"
                    + " distributed run stores the workflow in the database, so secrets must come from the host's"
                    + " auth sessions or the request's templates, not from the definition");
        }
        try {
            String json = JSON.writeValueAsString(tree);
            return new SubmittedWorkflow(source, json, SubmittedRequest.sha256(json));
        } catch (JsonProcessingException e) {
            throw new IdleInputException(source + ": the workflow cannot be stored as JSON: " + e.getOriginalMessage());
        }
    }
}
