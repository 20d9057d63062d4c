package io.refinery.workflows.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guards the shipped customer-service sample: (a) the generator still produces it byte for byte, and
 * (b) its composition, re-measured here with independent code (own JSON and CSV parsers, own ID
 * checksum, Luhn, phone and e-mail scanners; no regular expressions), equals {@code expected.json}.
 */
class SampleCompositionTest {

    private static final List<String> INTENTS = List.of("billing", "outage", "installation", "complaint", "account");

    static Path shippedDir() {
        for (String p : List.of("src/main/resources/samples/customer-service",
                "workflows/src/main/resources/samples/customer-service")) {
            Path d = Paths.get(p);
            if (Files.isDirectory(d)) return d;
        }
        return fail("shipped sample folder not found from " + Paths.get("").toAbsolutePath());
    }

    // ============================================================ (a) no drift

    @Test
    void generatorReproducesTheShippedFilesByteForByte(@TempDir Path tmp) throws IOException {
        Path shipped = shippedDir();
        SampleGenerator.generate(tmp);
        Set<String> generated;
        Set<String> present;
        try (Stream<Path> g = Files.list(tmp); Stream<Path> s = Files.list(shipped)) {
            generated = g.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
            present = s.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
        assertThat(generated).containsExactlyInAnyOrderElementsOf(SampleGenerator.FILES);
        assertThat(present).as("files in %s", shipped).containsExactlyInAnyOrderElementsOf(generated);
        for (String f : generated) {
            assertThat(Files.mismatch(tmp.resolve(f), shipped.resolve(f)))
                    .as("first differing byte of %s (-1 = identical); regenerate with SampleGenerator", f)
                    .isEqualTo(-1L);
        }
    }

    // ============================================================ (b) composition of messages.jsonl

    @Test
    void messagesJsonlHasTheExpectedComposition() throws IOException {
        Path dir = shippedDir();
        Map<String, Object> expected = asMap(MiniJson.parse(Files.readString(dir.resolve("expected.json"))));
        List<byte[]> lines = splitLines(Files.readAllBytes(dir.resolve("messages.jsonl")));

        int blank = 0;
        Map<String, Integer> broken = zeroCounts(new ArrayList<>(asMap(expected.get("brokenByReason")).keySet()));
        List<String> goodIds = new ArrayList<>();
        List<String> goodTexts = new ArrayList<>();
        int escaped = 0;
        for (byte[] raw : lines) {
            if (isBlankLine(raw)) {
                blank++;
                continue;
            }
            if (raw.length > 65_536) {
                broken.merge("line_too_long", 1, Integer::sum);
                continue;
            }
            String line = strictUtf8(raw);
            if (line == null) {
                broken.merge("invalid_utf8", 1, Integer::sum);
                continue;
            }
            Object v;
            try {
                v = MiniJson.parse(line);
            } catch (IllegalArgumentException e) {
                broken.merge("invalid_json", 1, Integer::sum);
                continue;
            }
            if (!(v instanceof Map)) {
                broken.merge("not_an_object", 1, Integer::sum);
                continue;
            }
            Map<String, Object> o = asMap(v);
            if (!o.containsKey("id")) {
                broken.merge("missing_id", 1, Integer::sum);
                continue;
            }
            if (!o.containsKey("text")) {
                broken.merge("missing_text", 1, Integer::sum);
                continue;
            }
            String text = (String) o.get("text");
            if (text.isBlank()) {
                broken.merge("blank_text", 1, Integer::sum);
                continue;
            }
            if (text.codePointCount(0, text.length()) > 2_000) {
                broken.merge("text_too_long", 1, Integer::sum);
                continue;
            }
            goodIds.add((String) o.get("id"));
            goodTexts.add(text);
            if (line.contains("\\u")) escaped++;
            assertThat(o.keySet()).containsExactly("id", "text", "channel", "created_at", "region");
            assertThat(o.get("channel")).isIn("app", "phone", "web", "wechat");
            assertThat(text.codePointCount(0, text.length())).as(text).isBetween(10, 200);
        }

        assertThat(lines).hasSize(intAt(expected, "totalLines"));
        assertThat(blank).isEqualTo(intAt(expected, "blankLines"));
        assertThat(goodTexts).hasSize(intAt(expected, "goodRows"));
        assertThat(broken.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(intAt(expected, "brokenRows"));
        assertThat(broken).as("broken rows per reason").isEqualTo(counts(expected, "brokenByReason"));
        assertThat(new HashSet<>(goodIds)).as("good ids are unique").hasSize(goodIds.size());
        assertThat(escaped).isEqualTo(intAt(expected, "asciiEscapedRows"));

        // ---- ground truth
        List<String[]> answers = readAnswers(dir.resolve("answers.csv"));
        assertThat(answers.stream().map(a -> a[0]).collect(Collectors.toList()))
                .as("answers.csv lists every good row in file order").isEqualTo(goodIds);
        assertThat(answers).allSatisfy(a -> assertThat(a[1]).isIn(INTENTS.toArray()));

        // ---- duplicates (first occurrence kept), class and language counts
        Set<String> exact = new HashSet<>();
        Set<String> normalized = new HashSet<>();
        int dupExact = 0;
        int dupNormalized = 0;
        Map<String, Integer> classAll = zeroCounts(INTENTS);
        Map<String, Integer> classKept = zeroCounts(INTENTS);
        Map<String, Integer> langAll = zeroCounts(List.of("zh", "en"));
        Map<String, Integer> langKept = zeroCounts(List.of("zh", "en"));
        List<String> kept = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        for (int i = 0; i < goodTexts.size(); i++) {
            String text = goodTexts.get(i);
            String intent = answers.get(i)[1];
            String lang = hasHan(text) ? "zh" : "en";
            classAll.merge(intent, 1, Integer::sum);
            langAll.merge(lang, 1, Integer::sum);
            if (!exact.add(text)) dupExact++;
            if (normalized.add(normalize(text))) {
                classKept.merge(intent, 1, Integer::sum);
                langKept.merge(lang, 1, Integer::sum);
                kept.add(text);
            } else {
                dupNormalized++;
                dropped.add(text);
            }
        }
        assertThat(dupExact).isEqualTo(intAt(expected, "duplicatesExact"));
        assertThat(dupNormalized).isEqualTo(intAt(expected, "duplicatesAfterNormalization"));
        assertThat(dupNormalized - dupExact).isEqualTo(intAt(expected, "duplicatesNormalizedOnly"));
        assertThat(kept).hasSize(intAt(expected, "itemsAfterDedup"));
        assertThat(classAll).isEqualTo(counts(expected, "classCountsAll"));
        assertThat(classKept).isEqualTo(counts(expected, "classCounts"));
        assertThat(classKept.values()).allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(150));
        assertThat(langAll).isEqualTo(counts(expected, "languages"));
        assertThat(langKept).isEqualTo(counts(expected, "languagesAfterDedup"));

        // ---- personal data, decoys, sensitive terms
        List<String> terms = Files.readAllLines(dir.resolve("sensitive-terms.txt"), StandardCharsets.UTF_8);
        Scan all = new Scan();
        int piiRows = 0;
        int sensitiveRows = 0;
        for (String text : goodTexts) {
            Scan s = Scan.of(text);
            all.add(s);
            if (s.pii() > 0) piiRows++;
            if (termCount(text, terms) > 0) sensitiveRows++;
        }
        for (String text : dropped) {
            Scan s = Scan.of(text);
            assertThat(s.pii() + s.idBad + s.cardBad + s.orders).as("duplicate row has no PII or decoy: %s", text).isZero();
            assertThat(termCount(text, terms)).as("duplicate row has no sensitive term: %s", text).isZero();
        }
        Map<String, Object> pii = asMap(expected.get("pii"));
        assertThat(all.email).isEqualTo(intAt(pii, "email"));
        assertThat(all.phonePlain + all.phone86 + all.phone86Space).isEqualTo(intAt(pii, "phone"));
        assertThat(all.idValid).isEqualTo(intAt(pii, "idCard"));
        assertThat(all.cardValid).isEqualTo(intAt(pii, "bankCard"));
        assertThat(all.pii()).isEqualTo(intAt(pii, "total"));
        assertThat(piiRows).isEqualTo(intAt(expected, "piiRows"));
        Map<String, Object> formats = asMap(expected.get("phoneFormats"));
        assertThat(all.phonePlain).isEqualTo(intAt(formats, "plain"));
        assertThat(all.phone86).isEqualTo(intAt(formats, "plus86"));
        assertThat(all.phone86Space).isEqualTo(intAt(formats, "plus86Space"));
        assertThat(all.idX).isEqualTo(intAt(expected, "idCardsEndingInX"));
        Map<String, Object> decoys = asMap(expected.get("decoys"));
        assertThat(all.idBad).isEqualTo(intAt(decoys, "idBadChecksum"));
        assertThat(all.cardBad).isEqualTo(intAt(decoys, "cardBadLuhn"));
        assertThat(all.orders).isEqualTo(intAt(decoys, "orderNumber"));
        assertThat(all.otherLongRuns).as("digit runs of 11+ digits that are neither phone, ID nor card").isZero();
        assertThat(sensitiveRows).isEqualTo(intAt(expected, "sensitiveRows"));
        assertThat(terms).hasSizeGreaterThanOrEqualTo(10).doesNotContain("");
    }

    @Test
    void expectedJsonAddsUp() throws IOException {
        Map<String, Object> e = asMap(MiniJson.parse(Files.readString(shippedDir().resolve("expected.json"))));
        assertThat(intAt(e, "goodRows") + intAt(e, "brokenRows") + intAt(e, "blankLines")).isEqualTo(intAt(e, "totalLines"));
        assertThat(intAt(e, "goodRows") - intAt(e, "duplicatesAfterNormalization")).isEqualTo(intAt(e, "itemsAfterDedup"));
        assertThat(intAt(e, "duplicatesExact") + intAt(e, "duplicatesNormalizedOnly"))
                .isEqualTo(intAt(e, "duplicatesAfterNormalization"));
        assertThat(sum(counts(e, "brokenByReason"))).isEqualTo(intAt(e, "brokenRows"));
        assertThat(sum(counts(e, "classCountsAll"))).isEqualTo(intAt(e, "goodRows"));
        assertThat(sum(counts(e, "classCounts"))).isEqualTo(intAt(e, "itemsAfterDedup"));
        Map<String, Integer> pii = counts(e, "pii");
        assertThat(pii.get("email") + pii.get("phone") + pii.get("idCard") + pii.get("bankCard")).isEqualTo(pii.get("total"));
        Map<String, Integer> decoys = counts(e, "decoys");
        assertThat(decoys.get("idBadChecksum") + decoys.get("cardBadLuhn") + decoys.get("orderNumber"))
                .isEqualTo(decoys.get("total"));
        assertThat(intAt(e, "duplicatesExact")).isPositive();
        assertThat(intAt(e, "duplicatesNormalizedOnly")).isPositive();
        assertThat(intAt(e, "blankLines")).isPositive();
    }

    // ============================================================ (b) composition of messages-small.csv

    @Test
    void smallCsvHasTheExpectedComposition() throws IOException {
        Path dir = shippedDir();
        Map<String, Object> expected = asMap(asMap(MiniJson.parse(Files.readString(dir.resolve("expected.json"))))
                .get("csvSmall"));
        List<byte[]> lines = splitLines(Files.readAllBytes(dir.resolve("messages-small.csv")));
        assertThat(strictUtf8(lines.get(0))).isEqualTo("id,text,channel,created_at,region");

        Map<String, Integer> broken = zeroCounts(new ArrayList<>(asMap(expected.get("brokenByReason")).keySet()));
        List<String> goodIds = new ArrayList<>();
        List<String> goodTexts = new ArrayList<>();
        for (byte[] raw : lines.subList(1, lines.size())) {
            String line = strictUtf8(raw);
            if (line == null) {
                broken.merge("invalid_utf8", 1, Integer::sum);
                continue;
            }
            List<String> f = csvFields(line);
            if (f.size() != 5) {
                broken.merge("wrong_column_count", 1, Integer::sum);
                continue;
            }
            if (f.get(1).isBlank()) {
                broken.merge("missing_text", 1, Integer::sum);
                continue;
            }
            goodIds.add(f.get(0));
            goodTexts.add(f.get(1));
        }
        assertThat(lines).hasSize(intAt(expected, "totalLines"));
        assertThat(lines.size() - 1).isEqualTo(intAt(expected, "dataRows"));
        assertThat(goodTexts).hasSize(intAt(expected, "goodRows"));
        assertThat(broken).isEqualTo(counts(expected, "brokenByReason"));

        List<String[]> answers = readAnswers(dir.resolve("answers-small.csv"));
        assertThat(answers.stream().map(a -> a[0]).collect(Collectors.toList())).isEqualTo(goodIds);
        Map<String, Integer> classAll = zeroCounts(INTENTS);
        answers.forEach(a -> classAll.merge(a[1], 1, Integer::sum));
        assertThat(classAll).isEqualTo(counts(expected, "classCountsAll"));
        Map<String, Integer> langs = zeroCounts(List.of("zh", "en"));
        goodTexts.forEach(t -> langs.merge(hasHan(t) ? "zh" : "en", 1, Integer::sum));
        assertThat(langs).isEqualTo(counts(expected, "languages"));

        Set<String> norm = goodTexts.stream().map(SampleCompositionTest::normalize).collect(Collectors.toSet());
        assertThat(norm).hasSize(intAt(expected, "itemsAfterDedup"));
        Scan all = new Scan();
        goodTexts.forEach(t -> all.add(Scan.of(t)));
        assertThat(all.pii()).isEqualTo(intAt(asMap(expected.get("pii")), "total"));
    }

    // ============================================================ independent helpers

    /** Splits on LF; the file must end with LF. */
    static List<byte[]> splitLines(byte[] all) {
        assertThat(all[all.length - 1]).as("file ends with LF").isEqualTo((byte) '\n');
        List<byte[]> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < all.length; i++) {
            if (all[i] == '\n') {
                out.add(Arrays.copyOfRange(all, start, i));
                start = i + 1;
            }
        }
        return out;
    }

    static boolean isBlankLine(byte[] raw) {
        for (byte b : raw) if (b != ' ' && b != '\t') return false;
        return true;
    }

    static String strictUtf8(byte[] raw) {
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return d.decode(ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** NFKC, then whitespace runs to one space, then trim; written as a loop. */
    static String normalize(String s) {
        String n = Normalizer.normalize(s, Normalizer.Form.NFKC);
        StringBuilder b = new StringBuilder();
        boolean pendingSpace = false;
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                pendingSpace = b.length() > 0;
            } else {
                if (pendingSpace) b.append(' ');
                pendingSpace = false;
                b.append(c);
            }
        }
        return b.toString();
    }

    static boolean hasHan(String s) {
        return s.codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN);
    }

    static int termCount(String text, List<String> terms) {
        String t = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        int n = 0;
        for (String term : terms) if (t.contains(term.toLowerCase(Locale.ROOT))) n++;
        return n;
    }

    static List<String[]> readAnswers(Path p) throws IOException {
        List<String> lines = Files.readAllLines(p, StandardCharsets.UTF_8);
        assertThat(lines.get(0)).isEqualTo("id,intent");
        return lines.subList(1, lines.size()).stream().map(l -> l.split(",", -1)).peek(a -> assertThat(a).hasSize(2))
                .collect(Collectors.toList());
    }

    /** RFC 4180 fields of one line (no embedded line breaks). */
    static List<String> csvFields(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    f.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    f.append(c);
                }
            } else if (c == '"' && f.length() == 0) {
                quoted = true;
            } else if (c == ',') {
                out.add(f.toString());
                f.setLength(0);
            } else {
                f.append(c);
            }
        }
        out.add(f.toString());
        return out;
    }

    /** GB 11643-1999: weight of position i (1-based from the right) is 2^(i-1) mod 11; check = (12 - sum mod 11) mod 11. */
    static boolean idChecksumOk(String id18) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            int weight = java.math.BigInteger.TWO.pow(17 - i).mod(java.math.BigInteger.valueOf(11)).intValue();
            sum += (id18.charAt(i) - '0') * weight;
        }
        int check = (12 - sum % 11) % 11;
        char last = Character.toUpperCase(id18.charAt(17));
        return check == 10 ? last == 'X' : last == (char) ('0' + check);
    }

    static boolean luhn(String digits) {
        int[] doubled = {0, 2, 4, 6, 8, 1, 3, 5, 7, 9};
        int sum = 0;
        for (int pos = 0; pos < digits.length(); pos++) {
            int d = digits.charAt(digits.length() - 1 - pos) - '0';
            sum += pos % 2 == 1 ? doubled[d] : d;
        }
        return sum % 10 == 0;
    }

    static boolean asciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean asciiAlnum(char c) {
        return asciiDigit(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    /** Counts found by walking maximal ASCII digit runs and '@' signs. */
    static final class Scan {
        int email, phonePlain, phone86, phone86Space, idValid, idX, idBad, cardValid, cardBad, orders, otherLongRuns;

        int pii() {
            return email + phonePlain + phone86 + phone86Space + idValid + cardValid;
        }

        void add(Scan s) {
            email += s.email;
            phonePlain += s.phonePlain;
            phone86 += s.phone86;
            phone86Space += s.phone86Space;
            idValid += s.idValid;
            idX += s.idX;
            idBad += s.idBad;
            cardValid += s.cardValid;
            cardBad += s.cardBad;
            orders += s.orders;
            otherLongRuns += s.otherLongRuns;
        }

        static boolean mobile(String eleven) {
            return eleven.length() == 11 && eleven.charAt(0) == '1' && eleven.charAt(1) >= '3' && eleven.charAt(1) <= '9';
        }

        static Scan of(String t) {
            Scan s = new Scan();
            int n = t.length();
            int i = 0;
            while (i < n) {
                if (!asciiDigit(t.charAt(i))) {
                    i++;
                    continue;
                }
                int j = i;
                while (j < n && asciiDigit(t.charAt(j))) j++;
                String run = t.substring(i, j);
                char before = i > 0 ? t.charAt(i - 1) : ' ';
                char after = j < n ? t.charAt(j) : ' ';
                int len = run.length();
                if (len == 17 && (after == 'X' || after == 'x')) {
                    char afterX = j + 1 < n ? t.charAt(j + 1) : ' ';
                    if (asciiAlnum(before) || asciiAlnum(afterX)) s.otherLongRuns++;
                    else if (idChecksumOk(run + after)) {
                        s.idValid++;
                        s.idX++;
                    } else s.idBad++;
                    j++;
                } else if (len == 18 && !asciiAlnum(before) && !asciiAlnum(after)) {
                    if (idChecksumOk(run)) s.idValid++;
                    else if (luhn(run)) s.otherLongRuns++; // would be a card: the sample promises none
                    else s.idBad++;
                } else if ((len == 16 || len == 19) && !asciiAlnum(before) && !asciiAlnum(after)) {
                    if (luhn(run)) s.cardValid++;
                    else if (len == 16) s.cardBad++;
                    else s.otherLongRuns++;
                } else if (len == 11 && mobile(run) && before != '+') {
                    if (i >= 4 && t.startsWith("+86 ", i - 4)) s.phone86Space++;
                    else s.phonePlain++;
                } else if (len == 13 && before == '+' && run.startsWith("86") && mobile(run.substring(2))) {
                    s.phone86++;
                } else if (len >= 11) {
                    s.otherLongRuns++;
                }
                i = j;
            }
            for (int k = t.indexOf("ORD-"); k >= 0; k = t.indexOf("ORD-", k + 1)) {
                String rest = t.substring(k + 4);
                if (rest.length() >= 13 && rest.substring(0, 8).chars().allMatch(c -> asciiDigit((char) c))
                        && rest.charAt(8) == '-' && rest.substring(9, 13).chars().allMatch(c -> asciiDigit((char) c))) {
                    s.orders++;
                }
            }
            for (int at = t.indexOf('@'); at >= 0; at = t.indexOf('@', at + 1)) {
                int l = at;
                while (l > 0 && (asciiAlnum(t.charAt(l - 1)) || "._%+-".indexOf(t.charAt(l - 1)) >= 0)) l--;
                int r = at + 1;
                while (r < n && (asciiAlnum(t.charAt(r)) || t.charAt(r) == '.' || t.charAt(r) == '-')) r++;
                String domain = t.substring(at + 1, r);
                while (domain.endsWith(".") || domain.endsWith("-")) domain = domain.substring(0, domain.length() - 1);
                int dot = domain.lastIndexOf('.');
                String tld = dot < 0 ? "" : domain.substring(dot + 1);
                if (l < at && dot > 0 && tld.length() >= 2 && tld.chars().allMatch(Character::isLetter)) s.email++;
            }
            return s;
        }
    }

    // ============================================================ expected.json access

    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(Object o) {
        assertThat(o).isInstanceOf(Map.class);
        return (Map<String, Object>) o;
    }

    static int intAt(Map<String, Object> m, String key) {
        Object v = m.get(key);
        assertThat(v).as("expected.json key '%s'", key).isInstanceOf(Long.class);
        return ((Long) v).intValue();
    }

    static Map<String, Integer> counts(Map<String, Object> m, String key) {
        Map<String, Integer> out = new LinkedHashMap<>();
        asMap(m.get(key)).forEach((k, v) -> out.put(k, ((Long) v).intValue()));
        return out;
    }

    static Map<String, Integer> zeroCounts(List<String> keys) {
        Map<String, Integer> m = new LinkedHashMap<>();
        keys.forEach(k -> m.put(k, 0));
        return m;
    }

    static int sum(Map<String, Integer> m) {
        return m.values().stream().mapToInt(Integer::intValue).sum();
    }

    // ============================================================ a minimal strict JSON parser (RFC 8259)

    static final class MiniJson {
        private final String s;
        private int p;

        private MiniJson(String s) {
            this.s = s;
        }

        /** Parses exactly one JSON value (surrounding whitespace allowed); anything else throws. */
        static Object parse(String s) {
            MiniJson j = new MiniJson(s);
            j.ws();
            Object v = j.value();
            j.ws();
            if (j.p != s.length()) throw j.error("trailing content");
            return v;
        }

        private IllegalArgumentException error(String what) {
            return new IllegalArgumentException(what + " at " + p);
        }

        private void ws() {
            while (p < s.length() && " \t\r\n".indexOf(s.charAt(p)) >= 0) p++;
        }

        private char peek() {
            if (p >= s.length()) throw error("unexpected end");
            return s.charAt(p);
        }

        private void expect(char c) {
            if (peek() != c) throw error("expected '" + c + "'");
            p++;
        }

        private Object value() {
            char c = peek();
            switch (c) {
                case '{': return object();
                case '[': return array();
                case '"': return string();
                case 't': return literal("true", Boolean.TRUE);
                case 'f': return literal("false", Boolean.FALSE);
                case 'n': return literal("null", null);
                default:
                    if (c == '-' || (c >= '0' && c <= '9')) return number();
                    throw error("unexpected '" + c + "'");
            }
        }

        private Object literal(String word, Object v) {
            if (!s.startsWith(word, p)) throw error("bad literal");
            p += word.length();
            return v;
        }

        private Map<String, Object> object() {
            Map<String, Object> m = new LinkedHashMap<>();
            expect('{');
            ws();
            if (peek() == '}') {
                p++;
                return m;
            }
            while (true) {
                ws();
                if (peek() != '"') throw error("member name must be a string");
                String k = string();
                ws();
                expect(':');
                ws();
                m.put(k, value());
                ws();
                if (peek() == ',') {
                    p++;
                    continue;
                }
                expect('}');
                return m;
            }
        }

        private List<Object> array() {
            List<Object> a = new ArrayList<>();
            expect('[');
            ws();
            if (peek() == ']') {
                p++;
                return a;
            }
            while (true) {
                ws();
                a.add(value());
                ws();
                if (peek() == ',') {
                    p++;
                    continue;
                }
                expect(']');
                return a;
            }
        }

        private String string() {
            expect('"');
            StringBuilder b = new StringBuilder();
            while (true) {
                char c = peek();
                p++;
                if (c == '"') return b.toString();
                if (c < 0x20) throw error("raw control character in string");
                if (c != '\\') {
                    b.append(c);
                    continue;
                }
                char e = peek();
                p++;
                switch (e) {
                    case '"': b.append('"'); break;
                    case '\\': b.append('\\'); break;
                    case '/': b.append('/'); break;
                    case 'b': b.append('\b'); break;
                    case 'f': b.append('\f'); break;
                    case 'n': b.append('\n'); break;
                    case 'r': b.append('\r'); break;
                    case 't': b.append('\t'); break;
                    case 'u': {
                        if (p + 4 > s.length()) throw error("short unicode escape");
                        int cp = 0;
                        for (int k = 0; k < 4; k++) {
                            int d = Character.digit(s.charAt(p + k), 16);
                            if (d < 0) throw error("bad unicode escape");
                            cp = cp * 16 + d;
                        }
                        p += 4;
                        b.append((char) cp);
                        break;
                    }
                    default: throw error("invalid escape \\" + e);
                }
            }
        }

        private Object number() {
            int start = p;
            if (peek() == '-') p++;
            if (peek() == '0') {
                p++;
            } else {
                if (!(peek() >= '1' && peek() <= '9')) throw error("bad number");
                while (p < s.length() && s.charAt(p) >= '0' && s.charAt(p) <= '9') p++;
            }
            boolean integral = true;
            if (p < s.length() && s.charAt(p) == '.') {
                integral = false;
                p++;
                int d = p;
                while (p < s.length() && s.charAt(p) >= '0' && s.charAt(p) <= '9') p++;
                if (p == d) throw error("bad fraction");
            }
            if (p < s.length() && (s.charAt(p) == 'e' || s.charAt(p) == 'E')) {
                integral = false;
                p++;
                if (p < s.length() && (s.charAt(p) == '+' || s.charAt(p) == '-')) p++;
                int d = p;
                while (p < s.length() && s.charAt(p) >= '0' && s.charAt(p) <= '9') p++;
                if (p == d) throw error("bad exponent");
            }
            String num = s.substring(start, p);
            return integral ? (Object) Long.valueOf(num) : (Object) Double.valueOf(num);
        }
    }
}
