package org.jamesxmpp.listener.attachments;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/**
 * Serves stored attachments over HTTP: {@code GET}/{@code HEAD} of {@code <any prefix>/<token>/<file name>}, with
 * Content-Type, Content-Length, Content-Disposition (the file name), single byte ranges, and 404 for anything
 * else, an unknown token or an expired one. Files are never rendered by a browser as a page of this origin
 * ({@code nosniff}, a sandboxing Content-Security-Policy). With an {@link SSLContext} it speaks HTTPS
 * ({@code attachments/https}); otherwise TLS is for a reverse proxy in front (see {@code attachments/baseUrl}).
 */
public class AttachmentHttpServer {
    private static final Logger LOGGER = LoggerFactory.getLogger(AttachmentHttpServer.class);
    private static final Pattern MEDIA_TYPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*");

    private final AttachmentStore store;
    private final InetSocketAddress bind;
    private final int threads;
    private final Clock clock;
    private final Optional<SSLContext> tls;
    private Optional<HttpServer> server = Optional.empty();
    private Optional<ExecutorService> executor = Optional.empty();

    public AttachmentHttpServer(AttachmentStore store, InetSocketAddress bind, int threads, Clock clock) {
        this(store, bind, threads, clock, Optional.empty());
    }

    public AttachmentHttpServer(AttachmentStore store, InetSocketAddress bind, int threads, Clock clock,
                                Optional<SSLContext> tls) {
        this.store = store;
        this.bind = bind;
        this.threads = threads;
        this.clock = clock;
        this.tls = tls;
    }

    public synchronized void start() throws IOException {
        HttpServer http = create();
        ExecutorService pool = Executors.newFixedThreadPool(threads,
            new ThreadFactoryBuilder().setNameFormat("xmpp-attachments-http-%d").setDaemon(true).build());
        http.setExecutor(pool);
        http.createContext("/", this::handle);
        http.start();
        server = Optional.of(http);
        executor = Optional.of(pool);
        LOGGER.info("XMPP attachment links served on {} ({})", http.getAddress(), tls.isPresent() ? "HTTPS" : "HTTP");
    }

    private HttpServer create() throws IOException {
        if (tls.isEmpty()) {
            return HttpServer.create(bind, 0);
        }
        HttpsServer https = HttpsServer.create(bind, 0);
        https.setHttpsConfigurator(new HttpsConfigurator(tls.get()));
        return https;
    }

    public synchronized Optional<InetSocketAddress> address() {
        return server.map(HttpServer::getAddress);
    }

    public synchronized void stop() {
        server.ifPresent(http -> http.stop(0));
        executor.ifPresent(ExecutorService::shutdownNow);
        server = Optional.empty();
        executor = Optional.empty();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (!"GET".equals(method) && !"HEAD".equals(method)) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            Optional<StoredAttachment> found = token(exchange.getRequestURI().getRawPath()).flatMap(store::find);
            if (found.isEmpty()) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            serve(exchange, found.get(), "HEAD".equals(method));
        }
    }

    private void serve(HttpExchange exchange, StoredAttachment file, boolean headOnly) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        headers.set("Content-Type", MEDIA_TYPE.matcher(file.contentType()).matches() ? file.contentType() : "application/octet-stream");
        headers.set("Content-Disposition", contentDisposition(file.fileName()));
        headers.set("Accept-Ranges", "bytes");
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Content-Security-Policy", "default-src 'none'; sandbox");
        long maxAge = Math.max(0, Duration.between(clock.instant(), file.expires()).getSeconds());
        headers.set("Cache-Control", "private, max-age=" + maxAge);
        ByteRange.Request request = ByteRange.parse(Optional.ofNullable(exchange.getRequestHeaders().getFirst("Range")), file.size());
        if (request instanceof ByteRange.Unsatisfiable) {
            headers.set("Content-Range", "bytes */" + file.size());
            exchange.sendResponseHeaders(416, -1);
            return;
        }
        ByteRange range = request instanceof ByteRange.Partial partial ? partial.range() : new ByteRange(0, file.size() - 1);
        int status = request instanceof ByteRange.Partial ? 206 : 200;
        if (status == 206) {
            headers.set("Content-Range", "bytes " + range.first() + "-" + range.last() + "/" + file.size());
        }
        long length = file.size() == 0 ? 0 : range.length();
        if (headOnly) {
            headers.set("Content-Length", Long.toString(length));
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, length == 0 ? -1 : length);
        if (length == 0) {
            return;
        }
        try (OutputStream body = exchange.getResponseBody()) {
            file.content().copy(range.first(), length, body);
        }
    }

    private static Optional<String> token(String rawPath) {
        String[] segments = rawPath.split("/");
        if (segments.length < 2) {
            return Optional.empty();
        }
        return Optional.of(segments[segments.length - 2]);
    }

    static String contentDisposition(String fileName) {
        String ascii = fileName.replaceAll("[^\\x20-\\x7e]|[\"\\\\]", "_");
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''"
            + URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
