package io.refinery.workers.quality;

import io.refinery.workflows.text.TextNormalizer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Terms whose presence makes an item sensitive, e.g. internal code names. One term per line; blank lines and
 * lines starting with {@code #} are ignored. Matching is a case-insensitive substring search on NFKC text.
 */
public final class SensitiveTerms {

    private final List<String> terms;
    private final TextNormalizer normalizer = new TextNormalizer();

    private SensitiveTerms(List<String> terms) {
        this.terms = List.copyOf(terms);
    }

    public static SensitiveTerms none() {
        return new SensitiveTerms(List.of());
    }

    public static SensitiveTerms of(Collection<String> terms) {
        List<String> cleaned = new ArrayList<>();
        TextNormalizer normalizer = new TextNormalizer();
        for (String term : terms) {
            String t = term.strip();
            if (!t.isEmpty() && !t.startsWith("#")) {
                cleaned.add(normalizer.normalize(t).toLowerCase(Locale.ROOT));
            }
        }
        return new SensitiveTerms(cleaned.stream().distinct().toList());
    }

    /** Reads a UTF-8 term file. */
    public static SensitiveTerms load(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(reader);
        }
    }

    public static SensitiveTerms parse(String text) {
        try {
            return read(new StringReader(text));
        } catch (IOException e) {
            throw new IllegalStateException("a StringReader does not fail", e);
        }
    }

    private static SensitiveTerms read(Reader reader) throws IOException {
        return of(new BufferedReader(reader).lines().toList());
    }

    public boolean containsAny(String text) {
        if (terms.isEmpty() || text == null) {
            return false;
        }
        String lower = normalizer.normalize(text).toLowerCase(Locale.ROOT);
        for (String term : terms) {
            if (lower.contains(term)) {
                return true;
            }
        }
        return false;
    }

    public int size() {
        return terms.size();
    }
}
