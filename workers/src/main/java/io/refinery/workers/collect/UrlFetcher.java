package io.refinery.workers.collect;

import io.refinery.workflows.sources.UrlPolicy;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Fetches a {@code url:} source for collect: http and https only, every URL checked against the {@link UrlPolicy}
 * (host on the allow-list, and after DNS resolution no loopback, link-local, private, any-local or multicast
 * address unless the exact host is listed); redirects are never followed by the client: at most
 * {@value #MAX_REDIRECTS} are followed here, each target checked again. Connect and read time-outs (no byte for
 * {@code readTimeout} ends the fetch) and a size cap: past {@code maxBytes} the read fails with a message naming
 * the URL and the cap. The body is streamed, never held in memory.
 *
 * <p>Known limit: the HTTP client resolves the host again when it connects; a DNS answer that changes between the
 * check and the connection (DNS rebinding) is not caught.
 */
final class UrlFetcher {

    static final int MAX_REDIRECTS = 3;

    /** An open response: the URL that answered (after redirects), its content type, and the body. */
    record Fetched(URI url, String contentType, InputStream body) {
    }

    private final HttpClient http;
    private final Duration readTimeout;
    private final long maxBytes;
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "refinery-url-fetch-watchdog");
        t.setDaemon(true);
        return t;
    });

    UrlFetcher(Duration connectTimeout, Duration readTimeout, long maxBytes) {
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.readTimeout = readTimeout;
        this.maxBytes = maxBytes;
    }

    Fetched open(URI url, UrlPolicy policy) throws IOException {
        URI current = url;
        for (int hop = 0; ; hop++) {
            check(current, policy);
            HttpRequest request = HttpRequest.newBuilder(current).GET().timeout(readTimeout)
                    .header("Accept", "application/x-ndjson, text/csv, application/json, */*").build();
            HttpResponse<InputStream> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            } catch (java.net.http.HttpTimeoutException e) {
                throw new IOException("URL '" + current + "': no answer within " + readTimeout.toSeconds() + " s", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while fetching " + current, e);
            }
            int status = response.statusCode();
            if (status >= 300 && status < 400 && status != 304) {
                response.body().close();
                String location = response.headers().firstValue("Location").orElseThrow(() -> new IOException(
                        "URL '" + url + "': redirect " + status + " without Location"));
                if (hop >= MAX_REDIRECTS) {
                    throw new IOException("URL '" + url + "': more than " + MAX_REDIRECTS + " redirects");
                }
                current = current.resolve(location.strip());
                continue;
            }
            if (status != 200) {
                response.body().close();
                throw new IOException("URL '" + current + "' answered HTTP " + status);
            }
            long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (declared > maxBytes) {
                response.body().close();
                throw tooLarge(current);
            }
            String type = response.headers().firstValue("Content-Type").orElse("")
                    .toLowerCase(Locale.ROOT).split(";")[0].strip();
            return new Fetched(current, type, new Guarded(response.body(), current));
        }
    }

    private static void check(URI url, UrlPolicy policy) throws IOException {
        try {
            policy.check(url);
            InetAddress[] addresses;
            try {
                addresses = InetAddress.getAllByName(url.getHost());
            } catch (UnknownHostException e) {
                throw new IOException("URL '" + url + "': host " + url.getHost() + " is unknown", e);
            }
            policy.checkAddresses(url, addresses);
        } catch (IllegalArgumentException refused) {
            throw new IOException(refused.getMessage(), refused);
        }
    }

    private IOException tooLarge(URI url) {
        return new IOException("URL '" + url + "' gives more than the limit of " + maxBytes
                + " bytes (refinery.sources.url-max-bytes); collect stopped");
    }

    /** The body with the size cap and the read time-out (a watchdog closes a stream that stays silent). */
    private final class Guarded extends FilterInputStream {
        private final URI url;
        private long read;
        private volatile boolean timedOut;

        Guarded(InputStream in, URI url) {
            super(in);
            this.url = url;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            ScheduledFuture<?> alarm = WATCHDOG.schedule(this::timeout, readTimeout.toMillis(), TimeUnit.MILLISECONDS);
            int n;
            try {
                n = super.read(b, off, len);
            } catch (IOException e) {
                if (timedOut) {
                    throw silent();
                }
                throw e;
            } finally {
                alarm.cancel(false);
            }
            if (timedOut) {
                throw silent();
            }
            if (n > 0) {
                read += n;
                if (read > maxBytes) {
                    close();
                    throw tooLarge(url);
                }
            }
            return n;
        }

        private void timeout() {
            timedOut = true;
            try {
                in.close();
            } catch (IOException ignored) {
                // closing is all we can do
            }
        }

        private IOException silent() {
            return new IOException("URL '" + url + "': no data for " + readTimeout.toSeconds() + " s; collect stopped");
        }
    }
}
