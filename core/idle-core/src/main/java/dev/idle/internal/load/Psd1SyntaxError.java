package dev.idle.internal.load;

/**
 * Thrown inside the {@code .psd1} lexer and parser when reading cannot safely go on (an unterminated string, an
 * unexpected token). {@link Psd1Parser#parse} turns it into the last reported problem; it never leaves the package.
 */
final class Psd1SyntaxError extends RuntimeException {
    private final transient Psd1Problem problem;

    Psd1SyntaxError(int line, int column, String message) {
        super(message, null, false, false);
        this.problem = new Psd1Problem(line, column, message);
    }

    Psd1Problem problem() {
        return problem;
    }
}
