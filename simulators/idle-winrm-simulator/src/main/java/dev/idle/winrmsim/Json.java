package dev.idle.winrmsim;

import java.util.List;
import java.util.Map;

/** Writes what {@code ConvertTo-Json -Compress} prints for flat objects of strings, booleans, numbers and nulls. */
final class Json {
    private Json() {
    }

    static String array(List<Map<String, Object>> objects) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < objects.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append('{');
            int n = 0;
            for (Map.Entry<String, Object> e : objects.get(i).entrySet()) {
                if (n++ > 0) {
                    b.append(',');
                }
                string(b, e.getKey());
                b.append(':');
                Object v = e.getValue();
                if (v == null) {
                    b.append("null");
                } else if (v instanceof Boolean || v instanceof Number) {
                    b.append(v);
                } else {
                    string(b, v.toString());
                }
            }
            b.append('}');
        }
        return b.append(']').toString();
    }

    private static void string(StringBuilder b, String s) {
        b.append('"');
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }
}
