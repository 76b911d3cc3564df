package dev.idle.internal.load;

import dev.idle.api.IdleInputException;
import dev.idle.api.InputLimits;
import dev.idle.api.data.DataMap;
import dev.idle.internal.load.Psd1Token.Kind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads IdLE's data-only PowerShell syntax ({@code .psd1}) into a data tree without running anything:
 * {@code @{}} becomes a {@link DataMap}, {@code @()} and comma lists an {@link ArrayList}, plus strings, numbers
 * ({@link Psd1Numbers}), {@code $true}, {@code $false} and {@code $null}.
 *
 * <p>Everything that would execute code (script blocks, {@code $(...)}, variables, commands, casts, expanding strings)
 * is a problem reported as {@code <file>:<line>:<column>: <message>}. After a problem whose extent is clear (a
 * rejected value, a duplicate key) parsing goes on, so that all such problems are reported together; at the first
 * problem that leaves the structure unclear it stops.
 *
 * <p>The {@link InputLimits} in force bound what it accepts: nesting ({@code @{}}, {@code @()}, unary commas) is
 * checked before each descent, so the recursion never goes deeper than {@code maxNestingDepth}; strings and keys are
 * checked against {@code maxStringLength}, number literals against {@code maxNumberDigits} before they are converted.
 * Numbers and text follow {@link InputRules}.
 */
public final class Psd1Parser {
    private static final Set<Kind> STATEMENT_ENDS =
            Set.of(Kind.NEWLINE, Kind.SEMICOLON, Kind.CLOSE_BRACE, Kind.CLOSE_PAREN, Kind.END);

    private final Psd1Lexer lexer;
    private final LoadProblems problems;
    private final InputLimits limits = InputLimits.current();
    private Psd1Token current;
    private int depth;

    private Psd1Parser(String text, String fileName) {
        this.lexer = new Psd1Lexer(text);
        this.problems = new LoadProblems(fileName);
    }

    /**
     * Parses {@code text} and returns its single top-level value (for a workflow, a {@link DataMap}; the caller checks).
     *
     * @param fileName used only to prefix problem messages
     * @throws IdleInputException naming file, line and column of every problem found
     */
    public static Object parse(String text, String fileName) {
        Psd1Parser parser = new Psd1Parser(text, fileName);
        Object result = null;
        try {
            parser.current = parser.lexer.next();
            result = parser.document();
        } catch (Psd1SyntaxError e) {
            parser.report(e.problem());
        }
        parser.problems.throwIfAny();
        return result;
    }

    private Object document() {
        skip(Kind.NEWLINE, Kind.SEMICOLON);
        if (current.is(Kind.END)) {
            throw error(current, "no data: expected a hashtable @{ ... }");
        }
        Object value = statement();
        skip(Kind.NEWLINE, Kind.SEMICOLON);
        if (!current.is(Kind.END)) {
            throw error(current, "unexpected " + current.describe() + " after the data (a file holds one value)");
        }
        return value;
    }

    /** A value, or several joined by commas, which PowerShell turns into an array. */
    private Object statement() {
        Object first = unary();
        if (!current.is(Kind.COMMA)) {
            return first;
        }
        List<Object> list = new ArrayList<>();
        list.add(first);
        while (current.is(Kind.COMMA)) {
            Psd1Token comma = advance();
            skip(Kind.NEWLINE); // a line may end after a comma
            if (STATEMENT_ENDS.contains(current.kind())) {
                report(comma, "trailing comma: a value must follow ','");
                break;
            }
            list.add(unary());
        }
        return list;
    }

    private Object unary() {
        if (current.is(Kind.COMMA)) {
            descend(advance()); // unary comma: a one-element array
            List<Object> single = new ArrayList<>();
            single.add(unary());
            depth--;
            return single;
        }
        if (current.is(Kind.SIGN)) {
            boolean negative = advance().text().equals("-");
            return number(advance(), negative); // the lexer only makes a SIGN when a digit follows directly
        }
        return primary();
    }

    private Object primary() {
        Psd1Token token = current;
        switch (token.kind()) {
            case STRING:
                advance();
                token.problems().forEach(this::report);
                return checkedString(token, false);
            case WORD:
                if (Psd1Numbers.looksNumeric(token.text())) {
                    return number(advance(), false);
                }
                return reject(token, "commands are not allowed (data only): " + token.text());
            case VARIABLE:
                return variable(token);
            case HASH_START: {
                descend(token);
                DataMap map = hashtable();
                depth--;
                return map;
            }
            case ARRAY_START: {
                descend(token);
                List<Object> list = array();
                depth--;
                return list;
            }
            case SCRIPT_BLOCK_START:
                return reject(token, "script blocks are not allowed (data only)");
            case SUBEXPRESSION_START:
                return reject(token, "subexpressions $(...) are not allowed (data only)");
            case OPEN_PAREN:
                return reject(token, "parenthesized expressions are not allowed (data only)");
            case OPEN_BRACKET:
                return reject(token, "type casts are not allowed (data only)");
            case NEWLINE, SEMICOLON, CLOSE_BRACE, CLOSE_PAREN, END:
                throw error(token, "missing value before " + token.describe());
            default:
                throw error(token, "unexpected " + token.describe() + " (only data is allowed)");
        }
    }

    private Object number(Psd1Token word, boolean negative) {
        if (word.text().length() + (negative ? 1 : 0) > limits.maxNumberDigits()) {
            report(word, InputRules.numberTooLong(word.text(), limits.maxNumberDigits()));
            return null;
        }
        try {
            return Psd1Numbers.parse(word.text(), negative);
        } catch (NumberFormatException e) {
            report(word, e.getMessage());
            return null;
        }
    }

    private Object variable(Psd1Token token) {
        switch (token.text().toLowerCase(Locale.ROOT)) {
            case "$true":
                advance();
                return Boolean.TRUE;
            case "$false":
                advance();
                return Boolean.FALSE;
            case "$null":
                advance();
                return null;
            default:
                return reject(token, "variables are not allowed: " + token.text());
        }
    }

    /** Reports a value that would run code and skips the rest of its statement, whose extent is still clear. */
    private Object reject(Psd1Token token, String message) {
        report(token, message);
        while (!STATEMENT_ENDS.contains(current.kind()) && !current.is(Kind.COMMA)) {
            skipTokenOrGroup();
        }
        return null;
    }

    /** Skips one token; an opener is skipped together with everything up to its matching closer. */
    private void skipTokenOrGroup() {
        Psd1Token opener = advance();
        String closer = closerOf(opener.kind());
        if (closer == null) {
            return;
        }
        Deque<Psd1Token> open = new ArrayDeque<>();
        open.push(opener);
        while (!open.isEmpty()) {
            if (current.is(Kind.END)) {
                Psd1Token innermost = open.peek();
                throw error(innermost, "missing '" + closerOf(innermost.kind()) + "' to close '" + innermost.text() + "'");
            }
            Psd1Token t = advance();
            if (closerOf(t.kind()) != null) {
                open.push(t);
            } else if (t.is(Kind.CLOSE_BRACE) || t.is(Kind.CLOSE_PAREN) || t.is(Kind.CLOSE_BRACKET)) {
                open.pop();
            }
        }
    }

    private static String closerOf(Kind kind) {
        return switch (kind) {
            case HASH_START, SCRIPT_BLOCK_START -> "}";
            case ARRAY_START, SUBEXPRESSION_START, OPEN_PAREN -> ")";
            case OPEN_BRACKET -> "]";
            default -> null;
        };
    }

    private DataMap hashtable() {
        Psd1Token open = advance();
        DataMap map = new DataMap();
        Map<String, Psd1Token> firstKeys = new HashMap<>();
        while (true) {
            skip(Kind.NEWLINE, Kind.SEMICOLON);
            if (current.is(Kind.CLOSE_BRACE)) {
                advance();
                return map;
            }
            if (current.is(Kind.END)) {
                throw error(open, "missing '}' to close the hashtable '@{' opened here");
            }
            Psd1Token keyToken = current;
            String key = key();
            if (!current.is(Kind.EQUALS)) {
                throw error(current, "missing '=' after key '" + key + "', found " + current.describe());
            }
            Psd1Token equals = advance();
            skip(Kind.NEWLINE);
            if (current.is(Kind.CLOSE_BRACE) || current.is(Kind.SEMICOLON) || current.is(Kind.END)) {
                throw error(equals, "missing value after '=' for key '" + key + "'");
            }
            Object value = statement();
            Psd1Token first = firstKeys.putIfAbsent(key.toLowerCase(Locale.ROOT), keyToken);
            if (first != null) {
                report(keyToken, "duplicate key '" + key + "' (first at line " + first.line() + ")");
            } else {
                map.put(key, value);
            }
            if (!STATEMENT_ENDS.contains(current.kind()) || current.is(Kind.CLOSE_PAREN)) {
                throw error(current, "unexpected " + current.describe() + " after the value of '" + key
                        + "' (entries are separated by ';' or a line break)");
            }
        }
    }

    /** A key is a bare word ({@code Name}, {@code IdLE.Step.X}) or a quoted string. */
    private String key() {
        Psd1Token token = current;
        if (token.is(Kind.WORD)) {
            advance();
            return checkedString(token, true);
        }
        if (token.is(Kind.STRING)) {
            advance();
            token.problems().forEach(this::report);
            return checkedString(token, true);
        }
        if (token.is(Kind.VARIABLE) || token.is(Kind.SUBEXPRESSION_START)) {
            throw error(token, "keys must be bare words or quoted strings, not " + token.describe());
        }
        throw error(token, "expected a key (a bare word or a quoted string), found " + token.describe());
    }

    /**
     * {@code @( ... )}: statements separated by line breaks, {@code ;} or commas. As in PowerShell, a statement that
     * yields an array contributes its elements ({@code @(@(1, 2))} is {@code 1, 2}; use {@code ,@(1, 2)} to nest).
     */
    private List<Object> array() {
        Psd1Token open = advance();
        List<Object> list = new ArrayList<>();
        while (true) {
            skip(Kind.NEWLINE, Kind.SEMICOLON);
            if (current.is(Kind.CLOSE_PAREN)) {
                advance();
                return list;
            }
            if (current.is(Kind.END)) {
                throw error(open, "missing ')' to close the array '@(' opened here");
            }
            Object value = statement();
            if (value instanceof List<?> elements) {
                list.addAll(elements);
            } else {
                list.add(value);
            }
            if (!STATEMENT_ENDS.contains(current.kind()) || current.is(Kind.CLOSE_BRACE)) {
                throw error(current, "unexpected " + current.describe()
                        + " in an array (elements are separated by ',' or a line break)");
            }
        }
    }

    /** Called before parsing a nested value: refuses to go deeper than the limit, at the opening token. */
    private void descend(Psd1Token opener) {
        if (++depth > limits.maxNestingDepth()) {
            throw error(opener, InputRules.tooDeep(limits.maxNestingDepth()));
        }
    }

    private String checkedString(Psd1Token token, boolean key) {
        String problem = InputRules.checkString(token.text(), key, limits.maxStringLength());
        if (problem != null) {
            report(token, problem);
        }
        return token.text();
    }

    private Psd1Token advance() {
        Psd1Token t = current;
        current = lexer.next();
        return t;
    }

    private void skip(Kind... kinds) {
        while (List.of(kinds).contains(current.kind())) {
            advance();
        }
    }

    private void report(Psd1Problem p) {
        problems.add(p.line(), p.column(), p.message());
    }

    private void report(Psd1Token at, String message) {
        problems.add(at.line(), at.column(), message);
    }

    private static Psd1SyntaxError error(Psd1Token at, String message) {
        return new Psd1SyntaxError(at.line(), at.column(), message);
    }
}
