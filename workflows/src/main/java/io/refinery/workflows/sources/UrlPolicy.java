package io.refinery.workflows.sources;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which URLs a {@code url:} source may read: the one decision, used by the engine when a demand is filed and by the
 * collect worker before each request (redirect targets included). The admin's allow-list names hosts: {@code
 * data.example.com} (that host exactly) or {@code *.example.com} (its subdomains), separated by commas or
 * whitespace, case-insensitive, any port. Only http and https. A host whose address (literal, or after DNS
 * resolution: {@link #checkAddresses}) is loopback, link-local (169.254.0.0/16, fe80::/10), site-local/private
 * (10/8, 172.16/12, 192.168/16, fc00::/7), any-local (0.0.0.0/8, ::) or multicast is refused unless that exact
 * host is listed (a wildcard never opens them).
 *
 * <p>A source is written {@code url:<url> [<url> ...]}: one or more absolute URLs separated by whitespace (spaces
 * or line breaks; a URL never holds whitespace, while it may hold a comma), each at most {@value #MAX_URL_CHARS}
 * characters (the URL names the rows it gives, in the quarantine and the lineage).
 */
public final class UrlPolicy {

    public static final String PREFIX = "url:";
    public static final int MAX_URL_CHARS = 255;

    private final Set<String> exact;
    private final List<String> suffixes;

    private UrlPolicy(Set<String> exact, List<String> suffixes) {
        this.exact = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(exact));
        this.suffixes = List.copyOf(suffixes);
    }

    /** The policy of a list such as {@code "data.example.com, *.cdn.example.com"}; null or blank allows nothing. */
    public static UrlPolicy parse(String list) {
        return of(list == null || list.isBlank() ? List.of() : Arrays.asList(list.split("[,\\s]+")));
    }

    /** The policy of the given entries (each as in {@link #parse}; blanks are ignored). */
    public static UrlPolicy of(List<String> entries) {
        Set<String> exact = new LinkedHashSet<>();
        List<String> suffixes = new ArrayList<>();
        for (String raw : entries) {
            String entry = raw == null ? "" : host(raw.strip());
            if (entry.isEmpty()) {
                continue;
            }
            if (entry.startsWith("*.") && entry.length() > 2 && !entry.substring(2).contains("*")) {
                suffixes.add(entry.substring(1));
            } else if (entry.matches("[\\p{L}\\p{N}.:_-]+")) {
                exact.add(entry);
            } else {
                throw new IllegalArgumentException("URL allow-list entry '" + raw + "': expected a host name, an IP"
                        + " address or *.domain");
            }
        }
        return new UrlPolicy(exact, suffixes);
    }

    /** The entries as given to {@link #of}, normalized (what the engine hands to workers). */
    public List<String> entries() {
        List<String> all = new ArrayList<>(exact);
        suffixes.forEach(s -> all.add("*" + s));
        return all;
    }

    public boolean isEmpty() {
        return exact.isEmpty() && suffixes.isEmpty();
    }

    /** Whether {@code source} is a {@code url:} source. */
    public static boolean isUrlSource(String source) {
        return source != null && source.startsWith(PREFIX);
    }

    /** The URLs of a {@code url:} source, in order; refuses a malformed one, naming it. */
    public static List<URI> urls(String source) {
        String list = source.substring(PREFIX.length()).strip();
        if (list.isEmpty()) {
            throw new IllegalArgumentException("'url:' names no URL");
        }
        List<URI> urls = new ArrayList<>();
        for (String text : list.split("\\s+")) {
            if (text.length() > MAX_URL_CHARS) {
                throw new IllegalArgumentException("URL '" + text.substring(0, 60) + "…' is longer than "
                        + MAX_URL_CHARS + " characters");
            }
            try {
                urls.add(new URI(text));
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("URL '" + text + "' is malformed: " + e.getReason());
            }
        }
        return urls;
    }

    /**
     * Refuses a URL this policy does not allow, with a message that names it and says why: scheme, user info, host
     * not listed, or a literal address of a special kind that is not listed exactly. DNS is not asked here.
     */
    public void check(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("URL '" + url + "': only http and https are allowed");
        }
        if (url.getRawUserInfo() != null) {
            throw new IllegalArgumentException("URL '" + url + "': user info (user:password@) is not allowed");
        }
        String host = url.getHost() == null ? "" : host(url.getHost());
        if (host.isEmpty()) {
            throw new IllegalArgumentException("URL '" + url + "' names no host");
        }
        if (!allows(host)) {
            throw new IllegalArgumentException("URL '" + url + "': host " + host + " is not on the URL allow-list"
                    + " (refinery.sources.url-allow-list)" + (isEmpty() ? ", which is empty" : ""));
        }
        if (isIpLiteral(host)) {
            try {
                checkAddresses(url, new InetAddress[] {InetAddress.getByName(host)});
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("URL '" + url + "': bad address " + host);
            }
        }
    }

    /**
     * Refuses {@code url} when one of the addresses its host resolved to is loopback, link-local, private,
     * any-local or multicast, unless the exact host is listed.
     */
    public void checkAddresses(URI url, InetAddress[] addresses) {
        String host = host(url.getHost());
        if (exact.contains(host)) {
            return;
        }
        for (InetAddress address : addresses) {
            String kind = specialKind(address);
            if (kind != null) {
                throw new IllegalArgumentException("URL '" + url + "': host " + host + " resolves to " + kind
                        + " address " + address.getHostAddress() + ", refused unless the exact host is on the URL"
                        + " allow-list");
            }
        }
    }

    /** Whether {@code host} (lower case, no brackets) is on the list. */
    public boolean allows(String host) {
        String h = host(host);
        if (exact.contains(h)) {
            return true;
        }
        return !isIpLiteral(h) && suffixes.stream().anyMatch(h::endsWith);
    }

    /** What kind of special address {@code a} is (loopback, link-local, ...), or null for an ordinary one. */
    public static String specialKind(InetAddress a) {
        byte[] b = a.getAddress();
        if (a.isLoopbackAddress()) {
            return "a loopback";
        }
        if (a.isLinkLocalAddress()) {
            return "a link-local";
        }
        if (a.isSiteLocalAddress() || (a instanceof Inet6Address && (b[0] & 0xFE) == 0xFC)) {
            return "a private";
        }
        if (a.isAnyLocalAddress() || (b.length == 4 && b[0] == 0)) {
            return "an any-local";
        }
        if (a.isMulticastAddress()) {
            return "a multicast";
        }
        return null;
    }

    private static boolean isIpLiteral(String host) {
        return host.contains(":") || host.matches("[0-9.]+");
    }

    private static String host(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }
}
