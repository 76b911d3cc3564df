package dev.idle.internal.load;

/**
 * An extra rule on how number literals are written, checked by the JSON/YAML reader on each literal's source text
 * before it is converted (an exported plan's numbers must be written exactly as the exporter writes them).
 */
@FunctionalInterface
public interface NumberForm {
    /**
     * @param literal the number as written in the file
     * @return the problem with it (reported at its line and column), or null when it is fine
     */
    String problem(String literal);
}
