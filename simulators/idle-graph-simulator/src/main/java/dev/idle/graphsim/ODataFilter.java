package dev.idle.graphsim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The part of OData {@code $filter} that Graph's directory objects support without advanced queries and that the
 * Entra ID provider uses: {@code prop eq 'literal'}, {@code prop eq true|false|null}, {@code startswith(prop,'literal')},
 * {@code prop in ('a','b')}, combined with {@code and}, {@code or} and parentheses. String literals are single-quoted
 * with {@code ''} standing for one quote. String comparisons ignore case, as Graph's do for these properties.
 * Anything else (an unknown property, {@code ne}, {@code not}, {@code endswith}, lambda operators, an unterminated
 * literal) answers 400, as Graph does.
 */
final class ODataFilter {
    private final String text;
    private final Set<String> properties;
    private final List<String> tokens = new ArrayList<>();
    private final List<Boolean> quoted = new ArrayList<>();
    private int pos;

    private ODataFilter(String text, Set<String> properties) {
        this.text = text;
        this.properties = properties;
    }

    /** Parses {@code text} for an entity whose filterable properties are {@code properties}. */
    static Predicate<Map<String, Object>> parse(String text, Set<String> properties) {
        ODataFilter f = new ODataFilter(text, properties);
        f.tokenize();
        if (f.tokens.isEmpty()) {
            throw GraphError.badRequest("Invalid filter clause: the $filter expression is empty.");
        }
        Predicate<Map<String, Object>> p = f.orExpr();
        if (f.pos != f.tokens.size()) {
            throw f.syntax("unexpected '" + f.tokens.get(f.pos) + "'");
        }
        return p;
    }

    private void tokenize() {
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(' || c == ')' || c == ',') {
                add(String.valueOf(c), false);
                i++;
            } else if (c == '\'') {
                StringBuilder sb = new StringBuilder();
                i++;
                boolean closed = false;
                while (i < n) {
                    char d = text.charAt(i);
                    if (d == '\'') {
                        if (i + 1 < n && text.charAt(i + 1) == '\'') {
                            sb.append('\'');
                            i += 2;
                            continue;
                        }
                        closed = true;
                        i++;
                        break;
                    }
                    sb.append(d);
                    i++;
                }
                if (!closed) {
                    throw syntax("unterminated string literal");
                }
                add(sb.toString(), true);
            } else {
                int start = i;
                while (i < n && !Character.isWhitespace(text.charAt(i)) && "(),'".indexOf(text.charAt(i)) < 0) {
                    i++;
                }
                add(text.substring(start, i), false);
            }
        }
    }

    private void add(String token, boolean isLiteral) {
        tokens.add(token);
        quoted.add(isLiteral);
    }

    private GraphError syntax(String detail) {
        return GraphError.badRequest("Invalid filter clause: " + detail + ".");
    }

    private boolean peekWord(String word) {
        return pos < tokens.size() && !quoted.get(pos) && tokens.get(pos).equalsIgnoreCase(word);
    }

    private void expect(String word) {
        if (!peekWord(word)) {
            throw syntax("expected '" + word + "'" + (pos < tokens.size() ? " at '" + tokens.get(pos) + "'" : " at the end"));
        }
        pos++;
    }

    private Predicate<Map<String, Object>> orExpr() {
        Predicate<Map<String, Object>> p = andExpr();
        while (peekWord("or")) {
            pos++;
            p = p.or(andExpr());
        }
        return p;
    }

    private Predicate<Map<String, Object>> andExpr() {
        Predicate<Map<String, Object>> p = primary();
        while (peekWord("and")) {
            pos++;
            p = p.and(primary());
        }
        return p;
    }

    private Predicate<Map<String, Object>> primary() {
        if (pos >= tokens.size()) {
            throw syntax("expression ends too early");
        }
        if (peekWord("(")) {
            pos++;
            Predicate<Map<String, Object>> p = orExpr();
            expect(")");
            return p;
        }
        if (quoted.get(pos)) {
            throw syntax("a literal cannot start a clause");
        }
        String word = tokens.get(pos);
        if (word.equalsIgnoreCase("startswith")) {
            pos++;
            expect("(");
            String prop = property();
            expect(",");
            String prefix = stringLiteral();
            expect(")");
            String lower = prefix.toLowerCase(Locale.ROOT);
            return m -> m.get(prop) instanceof String s && s.toLowerCase(Locale.ROOT).startsWith(lower);
        }
        if (word.equalsIgnoreCase("not") || word.equalsIgnoreCase("endswith") || word.equalsIgnoreCase("contains")) {
            throw GraphError.unsupportedQuery("Unsupported Query.");
        }
        String prop = property();
        if (peekWord("eq")) {
            pos++;
            Object value = literal();
            return m -> equal(m.get(prop), value);
        }
        if (peekWord("in")) {
            pos++;
            expect("(");
            List<Object> values = new ArrayList<>();
            values.add(literal());
            while (peekWord(",")) {
                pos++;
                values.add(literal());
            }
            expect(")");
            return m -> values.stream().anyMatch(v -> equal(m.get(prop), v));
        }
        if (pos < tokens.size() && !quoted.get(pos)
                && Set.of("ne", "gt", "ge", "lt", "le", "has", "any", "all").contains(tokens.get(pos).toLowerCase(Locale.ROOT))) {
            throw GraphError.unsupportedQuery("Unsupported Query.");
        }
        throw syntax("expected an operator after '" + prop + "'");
    }

    private String property() {
        if (pos >= tokens.size() || quoted.get(pos)) {
            throw syntax("expected a property name");
        }
        String name = tokens.get(pos++);
        for (String p : properties) {
            if (p.equalsIgnoreCase(name)) {
                return p;
            }
        }
        throw GraphError.unsupportedQuery("Unsupported or invalid query filter clause specified for property '" + name
                + "' of resource '" + "directoryObject" + "'.");
    }

    private String stringLiteral() {
        if (pos >= tokens.size() || !quoted.get(pos)) {
            throw syntax("expected a string literal in single quotes");
        }
        return tokens.get(pos++);
    }

    private Object literal() {
        if (pos >= tokens.size()) {
            throw syntax("expected a literal");
        }
        if (quoted.get(pos)) {
            return tokens.get(pos++);
        }
        String w = tokens.get(pos++);
        switch (w.toLowerCase(Locale.ROOT)) {
            case "true": return Boolean.TRUE;
            case "false": return Boolean.FALSE;
            case "null": return null;
            default: throw syntax("'" + w + "' is not a valid literal (strings need single quotes)");
        }
    }

    private static boolean equal(Object actual, Object expected) {
        if (expected == null) {
            return actual == null;
        }
        if (expected instanceof String s) {
            return actual instanceof String a && a.equalsIgnoreCase(s);
        }
        return expected.equals(actual);
    }
}
