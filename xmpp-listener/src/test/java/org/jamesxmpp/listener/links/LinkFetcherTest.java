package org.jamesxmpp.listener.links;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.jamesxmpp.core.mapping.LinkFetch;
import org.jamesxmpp.listener.configuration.LinkFetchConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

class LinkFetcherTest {
    static final byte[] REPORT = "%PDF-1.4 report".getBytes(StandardCharsets.US_ASCII);

    HttpServer server;
    String base;
    LinkFetcher testee;

    @BeforeEach
    void setUp() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.145.6", 0), 0);
        server.createContext("/report.pdf", exchange -> answer(exchange, 200, "application/pdf", REPORT));
        server.createContext("/named", exchange -> {
            exchange.getResponseHeaders().set("Content-Disposition", "attachment; filename=\"minutes.txt\"");
            answer(exchange, 200, "text/plain; charset=utf-8", "minutes".getBytes(StandardCharsets.US_ASCII));
        });
        server.createContext("/large", exchange -> answer(exchange, 200, "application/octet-stream", new byte[2048]));
        server.createContext("/chunked-large", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(new byte[4096]);
            }
        });
        server.createContext("/redirect", exchange -> {
            exchange.getResponseHeaders().set("Location", "http://127.0.0.1:1/secret");
            answer(exchange, 302, "text/plain", new byte[0]);
        });
        server.createContext("/missing", exchange -> answer(exchange, 404, "text/plain", new byte[0]));
        server.start();
        base = "http://127.0.145.6:" + server.getAddress().getPort();
        testee = fetcher(true, List.of("127.0.145.6"));
    }

    private static LinkFetcher fetcher(boolean allowHttp, List<String> allowed) {
        return new LinkFetcher(new LinkFetchConfiguration(true, 1024, 3, Duration.ofSeconds(5), allowHttp, allowed));
    }

    private static void answer(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @AfterEach
    void tearDown() {
        server.stop(0);
        testee.dispose();
    }

    private List<LinkFetch> fetch(LinkFetcher fetcher, String... urls) {
        return fetcher.fetchAll(List.of(urls)).block(Duration.ofSeconds(20));
    }

    private static String reason(LinkFetch fetch) {
        assertThat(fetch).isInstanceOf(LinkFetch.Failed.class);
        return ((LinkFetch.Failed) fetch).reason();
    }

    @Test
    void allowedLinkShouldBeFetchedWithItsNameAndType() {
        List<LinkFetch> fetched = fetch(testee, base + "/report.pdf", base + "/named");

        assertThat(fetched.get(0)).isInstanceOf(LinkFetch.Fetched.class);
        LinkFetch.Fetched report = (LinkFetch.Fetched) fetched.get(0);
        assertThat(report.fileName()).isEqualTo("report.pdf");
        assertThat(report.contentType()).isEqualTo("application/pdf");
        assertThat(report.content()).isEqualTo(REPORT);
        LinkFetch.Fetched named = (LinkFetch.Fetched) fetched.get(1);
        assertThat(named.fileName()).isEqualTo("minutes.txt");
        assertThat(named.contentType()).isEqualTo("text/plain");
    }

    @Test
    void httpShouldBeRefusedUnlessAllowed() {
        LinkFetcher httpsOnly = fetcher(false, List.of("127.0.145.6"));
        try {
            assertThat(reason(fetch(httpsOnly, base + "/report.pdf").get(0))).contains("only https");
        } finally {
            httpsOnly.dispose();
        }
    }

    @Test
    void internalAddressesShouldBeRefusedBeforeAnyConnection() {
        List<LinkFetch> fetched = fetch(testee, "http://127.0.0.1:" + server.getAddress().getPort() + "/report.pdf",
            "http://169.254.169.254/latest/meta-data/", "http://[::1]/x");

        assertThat(fetched).allSatisfy(fetch -> assertThat(reason(fetch)).contains("loopback"));
    }

    @Test
    void redirectShouldNotBeFollowed() {
        assertThat(reason(fetch(testee, base + "/redirect").get(0))).contains("302").contains("redirects are not followed");
    }

    @Test
    void filesOverTheCapShouldBeRefusedByLengthOrByWhatArrives() {
        assertThat(reason(fetch(testee, base + "/large").get(0))).contains("larger than 1024 bytes");
        assertThat(reason(fetch(testee, base + "/chunked-large").get(0))).contains("larger than 1024 bytes");
    }

    @Test
    void errorsAndBadLinksShouldSayWhy() {
        List<LinkFetch> fetched = fetch(testee, base + "/missing", "ftp://127.0.145.6/x", "https://user@127.0.145.6/x");

        assertThat(reason(fetched.get(0))).contains("404");
        assertThat(reason(fetched.get(1))).contains("only https");
        assertThat(reason(fetched.get(2))).contains("no plain host");
    }

    @Test
    void linksBeyondTheMaximumShouldNotBeFetched() {
        List<LinkFetch> fetched = fetch(testee, base + "/report.pdf", base + "/named", base + "/report.pdf?2",
            base + "/report.pdf?3");

        assertThat(fetched).hasSize(4);
        assertThat(reason(fetched.get(3))).contains("more than 3 links");
    }

    @Test
    void theAddressCheckedShouldBeTheOneConnectedToWhenTheDnsAnswerChangesAfterwards() throws Exception {
        HttpServer internal = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        internal.createContext("/report.pdf", exchange -> answer(exchange, 200, "text/plain", "internal secret".getBytes(StandardCharsets.US_ASCII)));
        internal.start();
        HttpServer checked = HttpServer.create(new InetSocketAddress("127.0.145.6", internal.getAddress().getPort()), 0);
        checked.createContext("/report.pdf", exchange -> {
            String host = exchange.getRequestHeaders().getFirst("Host");
            answer(exchange, 200, "text/plain", ("public for " + host).getBytes(StandardCharsets.US_ASCII));
        });
        checked.start();
        AtomicInteger lookups = new AtomicInteger();
        LinkFetcher rebound = new LinkFetcher(new LinkFetchConfiguration(true, 1024, 3, Duration.ofSeconds(5), true,
            List.of("127.0.145.6")), host -> new InetAddress[] {InetAddress.getByName(lookups.getAndIncrement() == 0
            ? "127.0.145.6" : "127.0.0.1")});
        try {
            LinkFetch fetched = fetch(rebound, "http://files.rebind.test:" + internal.getAddress().getPort() + "/report.pdf").get(0);

            assertThat(fetched).isInstanceOf(LinkFetch.Fetched.class);
            assertThat(new String(((LinkFetch.Fetched) fetched).content(), StandardCharsets.US_ASCII))
                .isEqualTo("public for files.rebind.test:" + internal.getAddress().getPort());
            assertThat(lookups.get()).isEqualTo(1);
        } finally {
            rebound.dispose();
            checked.stop(0);
            internal.stop(0);
        }
    }

    @Test
    void aNameWithOneInternalAddressAmongPublicOnesShouldBeRefused() {
        LinkFetcher mixed = new LinkFetcher(new LinkFetchConfiguration(true, 1024, 3, Duration.ofSeconds(5), true,
            List.of("127.0.145.6")), host -> new InetAddress[] {InetAddress.getByName("127.0.145.6"),
            InetAddress.getByName("127.0.0.1")});
        try {
            assertThat(reason(fetch(mixed, "http://files.rebind.test:" + server.getAddress().getPort() + "/report.pdf").get(0)))
                .contains("127.0.0.1").contains("loopback");
        } finally {
            mixed.dispose();
        }
    }
}
