package dev.idle.internal.load;

import dev.idle.internal.load.Psd1Token.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits {@code .psd1} text into tokens, one at a time. It is deliberately lenient: anything it does not know becomes
 * an {@link Kind#OTHER} token so that the parser, which knows the context, can name the problem. Only constructs
 * whose end cannot be found (strings, here-strings, block comments) stop it.
 */
final class Psd1Lexer {
    private final SourceCursor cursor;

    Psd1Lexer(String text) {
        this.cursor = new SourceCursor(text);
    }

    Psd1Token next() {
        skipBlanksAndComments();
        int line = cursor.line();
        int column = cursor.column();
        if (cursor.atEnd()) {
            return new Psd1Token(Kind.END, "", line, column);
        }
        char c = cursor.peek();
        char n = cursor.peek(1);
        if (c == '\n' || c == '\r') {
            cursor.advanceLineBreak();
            return new Psd1Token(Kind.NEWLINE, "\n", line, column);
        }
        if (c == '@' && (n == '\'' || n == '"')) {
            return hereString(line, column, n);
        }
        if (c == '\'') {
            return singleQuoted(line, column);
        }
        if (c == '"') {
            cursor.advance();
            List<Psd1Problem> problems = new ArrayList<>();
            String value = ExpandableStringDecoder.decodeQuoted(cursor, problems, line, column);
            return new Psd1Token(Kind.STRING, value, line, column, problems);
        }
        if (c == '$') {
            return dollar(line, column, n);
        }
        if (isWordStart(c, n)) {
            return word(line, column);
        }
        if ((c == '-' || c == '+') && (isDigit(n) || (n == '.' && isDigit(cursor.peek(2))))) {
            return simple(Kind.SIGN, 1, line, column);
        }
        if (c == '-' && Character.isLetter(n)) {
            return operatorWord(line, column); // -eq, -and, -join ...
        }
        return switch (c) {
            case '@' -> n == '{' ? simple(Kind.HASH_START, 2, line, column)
                    : n == '(' ? simple(Kind.ARRAY_START, 2, line, column)
                    : simple(Kind.OTHER, 1, line, column);
            case '{' -> simple(Kind.SCRIPT_BLOCK_START, 1, line, column);
            case '}' -> simple(Kind.CLOSE_BRACE, 1, line, column);
            case '(' -> simple(Kind.OPEN_PAREN, 1, line, column);
            case ')' -> simple(Kind.CLOSE_PAREN, 1, line, column);
            case '[' -> simple(Kind.OPEN_BRACKET, 1, line, column);
            case ']' -> simple(Kind.CLOSE_BRACKET, 1, line, column);
            case '=' -> simple(Kind.EQUALS, 1, line, column);
            case ',' -> simple(Kind.COMMA, 1, line, column);
            case ';' -> simple(Kind.SEMICOLON, 1, line, column);
            default -> simple(Kind.OTHER, Character.isHighSurrogate(c) && Character.isLowSurrogate(n) ? 2 : 1,
                    line, column);
        };
    }

    private Psd1Token simple(Kind kind, int length, int line, int column) {
        int start = cursor.pos();
        for (int i = 0; i < length; i++) {
            cursor.advance();
        }
        return new Psd1Token(kind, cursor.substring(start, cursor.pos()), line, column);
    }

    private void skipBlanksAndComments() {
        while (!cursor.atEnd()) {
            char c = cursor.peek();
            if (c == ' ' || c == '\t' || c == '\f' || c == '\u000B' || c == '\u00A0' || c == '\uFEFF') {
                cursor.advance();
            } else if (c == '`' && (cursor.peek(1) == '\n' || cursor.peek(1) == '\r')) {
                cursor.advance(); // a backtick at the end of a line continues the line
                cursor.advanceLineBreak();
            } else if (cursor.startsWith("<#")) {
                skipBlockComment();
            } else if (c == '#') {
                while (!cursor.atEnd() && !cursor.atLineBreak()) {
                    cursor.advance();
                }
            } else {
                return;
            }
        }
    }

    private void skipBlockComment() {
        int line = cursor.line();
        int column = cursor.column();
        cursor.advance();
        cursor.advance();
        while (!cursor.startsWith("#>")) {
            if (cursor.atEnd()) {
                throw new Psd1SyntaxError(line, column, "unterminated comment: missing '#>' to close '<#'");
            }
            cursor.advance();
        }
        cursor.advance();
        cursor.advance();
    }

    /** {@code '...'}: the only escape is {@code ''} for one quote. */
    private Psd1Token singleQuoted(int line, int column) {
        cursor.advance();
        StringBuilder out = new StringBuilder();
        while (true) {
            if (cursor.atEnd()) {
                throw new Psd1SyntaxError(line, column, "unterminated string: missing closing \"'\"");
            }
            char c = cursor.advance();
            if (c == '\'') {
                if (cursor.peek() != '\'' || cursor.atEnd()) {
                    return new Psd1Token(Kind.STRING, out.toString(), line, column);
                }
                cursor.advance();
            }
            out.append(c);
        }
    }

    /**
     * {@code @'} or {@code @"}, then only blanks up to the line break; the body runs until a line that starts with
     * the closing {@code '@} / {@code "@}. The line break before the closing marker is not part of the value.
     */
    private Psd1Token hereString(int line, int column, char quote) {
        String opener = "@" + quote;
        String closer = quote + "@";
        cursor.advance();
        cursor.advance();
        while (cursor.peek() == ' ' || cursor.peek() == '\t') {
            cursor.advance();
        }
        if (!cursor.atLineBreak()) {
            throw new Psd1SyntaxError(line, column,
                    "here-string opening " + opener + " must be followed by a line break");
        }
        cursor.advanceLineBreak();
        SourceCursor.Mark bodyStart = cursor.mark();
        int bodyEnd = -1;
        while (!cursor.startsWith(closer)) {
            if (cursor.atEnd()) {
                throw new Psd1SyntaxError(line, column, "unterminated here-string: missing " + closer
                        + " at the start of a line to close " + opener);
            }
            while (!cursor.atEnd() && !cursor.atLineBreak()) {
                cursor.advance();
            }
            bodyEnd = cursor.pos(); // the last line break seen is the one dropped from the value
            if (!cursor.atEnd()) {
                cursor.advanceLineBreak();
            }
        }
        SourceCursor.Mark closing = cursor.mark();
        if (bodyEnd < 0) {
            bodyEnd = bodyStart.pos();
        }
        List<Psd1Problem> problems = new ArrayList<>();
        String value;
        if (quote == '\'') {
            value = cursor.substring(bodyStart.pos(), bodyEnd);
        } else {
            cursor.restore(bodyStart);
            value = ExpandableStringDecoder.decodeHereBody(cursor, problems, line, column, bodyEnd);
            cursor.restore(closing);
        }
        cursor.advance();
        cursor.advance();
        return new Psd1Token(Kind.STRING, value, line, column, problems);
    }

    private Psd1Token dollar(int line, int column, char n) {
        if (n == '(') {
            return simple(Kind.SUBEXPRESSION_START, 2, line, column);
        }
        int start = cursor.pos();
        cursor.advance();
        if (n == '{') {
            while (!cursor.atEnd() && cursor.peek() != '}' && !cursor.atLineBreak()) {
                cursor.advance();
            }
            if (cursor.peek() == '}') {
                cursor.advance();
            }
        } else if (n == '?' || n == '^' || n == '$') {
            cursor.advance();
        } else if (isNameChar(n)) {
            readNameChars();
            if (cursor.peek() == ':' && isNameChar(cursor.peek(1))) {
                cursor.advance();
                readNameChars();
            }
        } else {
            return new Psd1Token(Kind.OTHER, "$", line, column);
        }
        return new Psd1Token(Kind.VARIABLE, cursor.substring(start, cursor.pos()), line, column);
    }

    private Psd1Token word(int line, int column) {
        int start = cursor.pos();
        while (!cursor.atEnd() && (isNameChar(cursor.peek()) || cursor.peek() == '-' || cursor.peek() == '.')) {
            cursor.advance();
        }
        return new Psd1Token(Kind.WORD, cursor.substring(start, cursor.pos()), line, column);
    }

    private Psd1Token operatorWord(int line, int column) {
        int start = cursor.pos();
        cursor.advance();
        readNameChars();
        return new Psd1Token(Kind.OTHER, cursor.substring(start, cursor.pos()), line, column);
    }

    private void readNameChars() {
        while (!cursor.atEnd() && isNameChar(cursor.peek())) {
            cursor.advance();
        }
    }

    private static boolean isWordStart(char c, char next) {
        return isNameChar(c) || (c == '.' && isDigit(next));
    }

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
