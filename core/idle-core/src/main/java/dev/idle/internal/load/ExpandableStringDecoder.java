package dev.idle.internal.load;

import java.util.List;

/**
 * Decodes the body of a double-quoted string or here-string: backtick escapes become characters, and anything
 * PowerShell would expand ({@code $name}, {@code ${name}}, {@code $(...)}) becomes a problem, because expanding it
 * would run code. A {@code $} not followed by a name is a literal dollar, as in PowerShell.
 */
final class ExpandableStringDecoder {
    private final SourceCursor cursor;
    private final List<Psd1Problem> problems;
    /** Position of the opening quote, where an unterminated string is reported. */
    private final int openLine;
    private final int openColumn;
    /** End of a here-string body, or -1 for a quoted string that ends at its closing quote. */
    private final int endPos;
    private final StringBuilder out = new StringBuilder();

    private ExpandableStringDecoder(SourceCursor cursor, List<Psd1Problem> problems, int openLine, int openColumn,
                                    int endPos) {
        this.cursor = cursor;
        this.problems = problems;
        this.openLine = openLine;
        this.openColumn = openColumn;
        this.endPos = endPos;
    }

    /** Decodes a {@code "..."} string; the cursor is just after the opening quote and is left after the closing one. */
    static String decodeQuoted(SourceCursor cursor, List<Psd1Problem> problems, int openLine, int openColumn) {
        return new ExpandableStringDecoder(cursor, problems, openLine, openColumn, -1).run();
    }

    /** Decodes a {@code @"...."@} body from the cursor up to {@code endPos}, where quotes are plain characters. */
    static String decodeHereBody(SourceCursor cursor, List<Psd1Problem> problems, int openLine, int openColumn,
                                 int endPos) {
        return new ExpandableStringDecoder(cursor, problems, openLine, openColumn, endPos).run();
    }

    private boolean isHere() {
        return endPos >= 0;
    }

    private boolean atBodyEnd() {
        return isHere() ? cursor.pos() >= endPos : cursor.atEnd();
    }

    private String run() {
        while (true) {
            if (atBodyEnd()) {
                if (isHere()) {
                    return out.toString();
                }
                throw unterminated();
            }
            char c = cursor.peek();
            if (c == '"' && !isHere()) {
                cursor.advance();
                if (cursor.peek() == '"' && !cursor.atEnd()) {
                    cursor.advance(); // "" inside "..." is one literal quote
                    out.append('"');
                    continue;
                }
                return out.toString();
            }
            if (c == '`') {
                escape();
            } else if (c == '$') {
                dollar();
            } else {
                out.append(cursor.advance());
            }
        }
    }

    private Psd1SyntaxError unterminated() {
        return new Psd1SyntaxError(openLine, openColumn, "unterminated string: missing closing '\"'");
    }

    private void escape() {
        cursor.advance();
        if (atBodyEnd()) {
            if (isHere()) {
                out.append('`');
                return;
            }
            throw unterminated();
        }
        int line = cursor.line();
        int column = cursor.column() - 1;
        char e = cursor.advance();
        switch (e) {
            case 'n' -> out.append('\n');
            case 'r' -> out.append('\r');
            case 't' -> out.append('\t');
            case '0' -> out.append('\0');
            case 'a' -> out.append('\u0007');
            case 'b' -> out.append('\b');
            case 'f' -> out.append('\f');
            case 'v' -> out.append('\u000B');
            case 'e' -> out.append('\u001B');
            case 'u' -> unicodeEscape(line, column);
            default -> out.append(e); // `" `$ `` `' and any other character stand for themselves
        }
    }

    /** {@code `u{1F600}}: one to six hex digits naming a code point. */
    private void unicodeEscape(int line, int column) {
        if (cursor.peek() != '{') {
            out.append('u');
            return;
        }
        StringBuilder hex = new StringBuilder();
        cursor.advance();
        while (!atBodyEnd() && cursor.peek() != '}' && hex.length() <= 6) {
            hex.append(cursor.advance());
        }
        if (atBodyEnd() || cursor.peek() != '}' || !hex.toString().matches("[0-9a-fA-F]{1,6}")
                || Integer.parseInt(hex.toString(), 16) > Character.MAX_CODE_POINT) {
            problems.add(new Psd1Problem(line, column, "invalid unicode escape `u{" + hex + "...}"));
            return;
        }
        cursor.advance();
        out.appendCodePoint(Integer.parseInt(hex.toString(), 16));
    }

    private void dollar() {
        int line = cursor.line();
        int column = cursor.column();
        char next = cursor.peek(1);
        boolean nextInBody = !isHere() || cursor.pos() + 1 < endPos;
        if (nextInBody && next == '(') {
            problems.add(new Psd1Problem(line, column,
                    "subexpression $(...) in a double-quoted string is not allowed (expansion is code)"));
            cursor.advance();
            skipSubexpression();
        } else if (nextInBody && (next == '{' || startsVariableName(next))) {
            cursor.advance();
            String name = readVariableName();
            problems.add(new Psd1Problem(line, column, "variable expansion in a double-quoted string is not allowed: $"
                    + name + " (use single quotes, or `$ for a literal dollar)"));
        } else {
            out.append(cursor.advance());
        }
    }

    static boolean startsVariableName(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '?' || c == '^' || c == '$';
    }

    private String readVariableName() {
        int start = cursor.pos();
        char first = cursor.peek();
        if (first == '{') {
            while (!atBodyEnd() && cursor.peek() != '}') {
                cursor.advance();
            }
            if (!atBodyEnd()) {
                cursor.advance();
            }
        } else if (first == '?' || first == '^' || first == '$') {
            cursor.advance(); // automatic variables $? $^ $$
        } else {
            readNameChars();
            if (cursor.peek() == ':' && isNameChar(cursor.peek(1))) {
                cursor.advance(); // scope or drive qualifier: $env:USERNAME
                readNameChars();
            }
        }
        return cursor.substring(start, cursor.pos());
    }

    private void readNameChars() {
        while (!atBodyEnd() && isNameChar(cursor.peek())) {
            cursor.advance();
        }
    }

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    /** Skips a {@code (...)} group after {@code $}, honouring nested parentheses and quotes inside it. */
    private void skipSubexpression() {
        int depth = 0;
        do {
            if (atBodyEnd()) {
                if (isHere()) {
                    return;
                }
                throw unterminated();
            }
            char c = cursor.advance();
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == '\'' || c == '"') {
                while (!atBodyEnd() && cursor.peek() != c) {
                    cursor.advance();
                }
                if (!atBodyEnd()) {
                    cursor.advance();
                }
            }
        } while (depth > 0);
    }
}
