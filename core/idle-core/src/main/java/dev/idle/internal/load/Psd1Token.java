package dev.idle.internal.load;

import java.util.List;

/**
 * One token of a {@code .psd1} file.
 *
 * @param kind     what the token is
 * @param text     the source text (for strings: the decoded value)
 * @param line     1-based line of the first character
 * @param column   1-based column of the first character
 * @param problems for double-quoted strings: expansions found inside, reported only if the string is used as data
 *                 (a string inside a rejected script block must not add noise)
 */
record Psd1Token(Kind kind, String text, int line, int column, List<Psd1Problem> problems) {

    enum Kind {
        /** {@code @{} */
        HASH_START,
        /** {@code @(} */
        ARRAY_START,
        /** {@code $(} */
        SUBEXPRESSION_START,
        /** {@code {} opening a script block */
        SCRIPT_BLOCK_START,
        CLOSE_BRACE,
        OPEN_PAREN,
        CLOSE_PAREN,
        OPEN_BRACKET,
        CLOSE_BRACKET,
        EQUALS,
        COMMA,
        SEMICOLON,
        NEWLINE,
        /** any quoted string or here-string; {@code text} is the value */
        STRING,
        /** a bare run of letters, digits, {@code _ - .}: a key, a number, or a command name */
        WORD,
        /** {@code -} or {@code +} directly followed by a digit: the sign of a number */
        SIGN,
        /** {@code $name}, {@code $scope:name}, {@code ${name}} */
        VARIABLE,
        /** anything else: operators, stray punctuation */
        OTHER,
        END
    }

    Psd1Token(Kind kind, String text, int line, int column) {
        this(kind, text, line, column, List.of());
    }

    boolean is(Kind k) {
        return kind == k;
    }

    /** How the token is named in a message: {@code 'Get-Date'}, {@code line break}, {@code end of file}. */
    String describe() {
        return switch (kind) {
            case NEWLINE -> "line break";
            case END -> "end of file";
            case STRING -> "string";
            default -> "'" + text + "'";
        };
    }
}
