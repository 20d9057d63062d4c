package io.refinery.engine.modeling;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a manager's process may compute: plain variable reads, property reads of them ({@code qcDecision.route}),
 * literals and comparisons, joined by the logical, arithmetic and conditional operators of JUEL. No method or function
 * calls, no index access, no assignment, no lambda, and none of the engine's objects ({@code execution},
 * {@code task}, …) nor the Java class of a value. {@link #check} tells what is wrong; {@link #variables} lists the
 * variables a plain expression reads.
 */
final class PlainExpression {
    /** JUEL's word operators and literals. */
    private static final Set<String> KEYWORDS = Set.of("true", "false", "null", "empty", "not", "and", "or", "eq", "ne",
            "lt", "gt", "le", "ge", "div", "mod");
    /** Objects the engine puts in every expression's scope: reading them reaches the engine's services. */
    private static final Set<String> ENGINE_OBJECTS = Set.of("execution", "task", "externalTask", "caseExecution",
            "variableScope", "connector", "processEngine", "processEngineServices", "authenticatedUserId");
    /** Properties that lead from a value to its class, its class loader or the engine. */
    private static final Set<String> FORBIDDEN_PROPERTIES = Set.of("class", "classLoader", "declaringClass", "module",
            "processEngine", "processEngineServices", "runtime");

    private PlainExpression() {
    }

    /** The {@code ${…}} and {@code #{…}} parts of a text (the bodies, without the braces); empty when it has none. */
    static List<String> bodies(String text) {
        List<String> bodies = new ArrayList<>();
        int i = 0;
        while (text != null && i < text.length() - 1) {
            char c = text.charAt(i);
            if ((c == '$' || c == '#') && text.charAt(i + 1) == '{') {
                int end = closingBrace(text, i + 2);
                bodies.add(text.substring(i + 2, end < 0 ? text.length() : end));
                i = end < 0 ? text.length() : end + 1;
            } else {
                i++;
            }
        }
        return bodies;
    }

    /** What is wrong with an expression body for a manager's process, or null when it is a plain read. */
    static String check(String body) {
        List<Token> tokens;
        try {
            tokens = tokenize(body);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        Token previous = null;
        String root = null;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            Token next = i + 1 < tokens.size() ? tokens.get(i + 1) : null;
            switch (t.kind) {
                case IDENTIFIER -> {
                    boolean property = previous != null && previous.is(".");
                    if (next != null && next.is("(")) {
                        return "calls '" + t.text + "(…)': only plain variable reads and comparisons are allowed";
                    }
                    if (property) {
                        if (FORBIDDEN_PROPERTIES.contains(t.text)) {
                            return "reads property '" + t.text + "': it leads out of the process's data";
                        }
                    } else if (!KEYWORDS.contains(t.text)) {
                        root = t.text;
                        if (ENGINE_OBJECTS.contains(root)) {
                            return "reads the engine object '" + root + "': only process variables may be read";
                        }
                    }
                    if (t.text.equals("instanceof")) {
                        return "uses 'instanceof'";
                    }
                }
                case SYMBOL -> {
                    switch (t.text) {
                        case "[" -> {
                            return "uses index access '[…]': read variables and their properties by name";
                        }
                        case "=", ";", "->", "+=", "," -> {
                            return "uses '" + t.text + "': only reads and comparisons are allowed";
                        }
                        case "(" -> {
                            if (previous != null && (previous.kind == Kind.IDENTIFIER || previous.is(")"))) {
                                return "calls a method or function: only plain variable reads and comparisons are allowed";
                            }
                        }
                        case "." -> {
                            if (next == null || next.kind != Kind.IDENTIFIER) {
                                return "has a '.' not followed by a property name";
                            }
                        }
                        default -> {
                        }
                    }
                }
                default -> {
                }
            }
            previous = t;
        }
        return null;
    }

    /** The variables a plain expression body reads (roots of property reads; no keywords, no properties). */
    static Set<String> variables(String body) {
        Set<String> names = new LinkedHashSet<>();
        List<Token> tokens;
        try {
            tokens = tokenize(body);
        } catch (IllegalArgumentException e) {
            return names;
        }
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            boolean property = i > 0 && tokens.get(i - 1).is(".");
            boolean function = i + 1 < tokens.size() && tokens.get(i + 1).is("(");
            if (t.kind == Kind.IDENTIFIER && !KEYWORDS.contains(t.text) && !property && !function) {
                names.add(t.text);
            }
        }
        return names;
    }

    // ------------------------------------------------------------------------------------------ tokens

    private enum Kind { IDENTIFIER, NUMBER, STRING, SYMBOL }

    private record Token(Kind kind, String text) {
        boolean is(String symbol) {
            return kind == Kind.SYMBOL && text.equals(symbol);
        }
    }

    private static final List<String> SYMBOLS = List.of("==", "!=", "<=", ">=", "&&", "||", "->", "+=", "<", ">", "!",
            "+", "-", "*", "/", "%", "?", ":", "(", ")", "[", "]", ".", "=", ";", ",");

    private static List<Token> tokenize(String s) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (Character.isJavaIdentifierStart(c)) {
                int j = i + 1;
                while (j < s.length() && Character.isJavaIdentifierPart(s.charAt(j))) {
                    j++;
                }
                tokens.add(new Token(Kind.IDENTIFIER, s.substring(i, j)));
                i = j;
            } else if (Character.isDigit(c)) {
                int j = i + 1;
                while (j < s.length() && (Character.isDigit(s.charAt(j)) || s.charAt(j) == '.'
                        || s.charAt(j) == 'e' || s.charAt(j) == 'E')) {
                    j++;
                }
                tokens.add(new Token(Kind.NUMBER, s.substring(i, j)));
                i = j;
            } else if (c == '\'' || c == '"') {
                int j = i + 1;
                while (j < s.length() && s.charAt(j) != c) {
                    j += s.charAt(j) == '\\' ? 2 : 1;
                }
                if (j >= s.length()) {
                    throw new IllegalArgumentException("has a string that is never closed");
                }
                tokens.add(new Token(Kind.STRING, s.substring(i + 1, j)));
                i = j + 1;
            } else {
                String symbol = null;
                for (String candidate : SYMBOLS) {
                    if (s.startsWith(candidate, i)) {
                        symbol = candidate;
                        break;
                    }
                }
                if (symbol == null) {
                    throw new IllegalArgumentException("has the character '" + c + "', which a plain read or"
                            + " comparison does not need");
                }
                tokens.add(new Token(Kind.SYMBOL, symbol));
                i += symbol.length();
            }
        }
        return tokens;
    }

    private static int closingBrace(String text, int from) {
        char quote = 0;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '}') {
                return i;
            }
        }
        return -1;
    }
}
