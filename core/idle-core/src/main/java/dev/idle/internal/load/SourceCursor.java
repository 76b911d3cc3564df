package dev.idle.internal.load;

/**
 * A read position in source text that knows its 1-based line and column, so every token and problem can say exactly
 * where it starts. {@code \r\n}, {@code \n} and a lone {@code \r} each end one line.
 */
final class SourceCursor {
    private final String text;
    private int pos;
    private int line = 1;
    private int column = 1;

    SourceCursor(String text) {
        this.text = text;
    }

    /** A saved position to come back to (see {@link #restore}). */
    record Mark(int pos, int line, int column) {
    }

    Mark mark() {
        return new Mark(pos, line, column);
    }

    void restore(Mark m) {
        pos = m.pos();
        line = m.line();
        column = m.column();
    }

    int pos() {
        return pos;
    }

    int line() {
        return line;
    }

    int column() {
        return column;
    }

    boolean atEnd() {
        return pos >= text.length();
    }

    /** The character {@code offset} ahead, or {@code \0} past the end. */
    char peek(int offset) {
        int i = pos + offset;
        return i < text.length() ? text.charAt(i) : '\0';
    }

    char peek() {
        return peek(0);
    }

    boolean startsWith(String s) {
        return text.startsWith(s, pos);
    }

    boolean atLineBreak() {
        char c = peek();
        return !atEnd() && (c == '\n' || c == '\r');
    }

    char advance() {
        char c = text.charAt(pos++);
        if (c == '\n' || (c == '\r' && peek() != '\n')) {
            line++;
            column = 1;
        } else {
            column++;
        }
        return c;
    }

    /** Consumes one line break ({@code \r\n} counts as one). */
    void advanceLineBreak() {
        if (advance() == '\r' && peek() == '\n') {
            advance();
        }
    }

    String substring(int from, int to) {
        return text.substring(from, to);
    }
}
