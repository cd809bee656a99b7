package org.jamesxmpp.listener.links;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.inject.Inject;
import javax.inject.Singleton;

import org.jamesxmpp.core.log.LogSafe;
import org.jamesxmpp.core.mapping.LinkFetch;
import org.jamesxmpp.listener.configuration.LinkFetchConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.common.io.ByteStreams;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Downloads the file links of an inbound stanza so that the mail carries the files, safely against a sender that
 * names internal services (SSRF): {@code https} only unless {@code http} is allowed, no redirects, every address
 * the host resolves to must be public (or allowed by {@code linkFetch/allowedAddresses}), a size cap read as the bytes
 * come, a timeout per download, at most {@code maxLinks} per stanza. Each failure is a {@link LinkFetch.Failed}
 * saying why; the mapping keeps the link in the body with that note. Downloads run on a bounded scheduler of their
 * own, never on an event loop.
 */
@Singleton
public class LinkFetcher {
    private static final Logger LOGGER = LoggerFactory.getLogger(LinkFetcher.class);
    private static final Pattern FILE_NAME = Pattern.compile("filename\\s*=\\s*\"?([^\";]+)\"?", Pattern.CASE_INSENSITIVE);
    private static final int CONCURRENCY = 4;

    private final LinkFetchConfiguration configuration;
    private final AddressPolicy addressPolicy;
    private final HttpClient client;
    private final Scheduler scheduler;

    @Inject
    public LinkFetcher(LinkFetchConfiguration configuration) {
        this.configuration = configuration;
        this.addressPolicy = new AddressPolicy(configuration.allowedAddresses());
        this.client = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(configuration.timeout())
            .build();
        this.scheduler = Schedulers.newBoundedElastic(CONCURRENCY * 4, 1000, "xmpp-link-fetch", 60, true);
    }

    /** What became of each link, in order (empty when fetching is off). */
    public Mono<List<LinkFetch>> fetchAll(List<String> urls) {
        if (!configuration.enabled() || urls.isEmpty()) {
            return Mono.just(List.of());
        }
        return Flux.fromIterable(urls)
            .index()
            .flatMapSequential(indexed -> indexed.getT1() < configuration.maxLinks()
                ? fetch(indexed.getT2())
                : Mono.just(new LinkFetch.Failed(indexed.getT2(), "more than " + configuration.maxLinks() + " links in one message")),
                CONCURRENCY)
            .collectList();
    }

    private Mono<LinkFetch> fetch(String url) {
        return Mono.fromCallable(() -> download(url))
            .subscribeOn(scheduler)
            .timeout(configuration.timeout().plusSeconds(1), Mono.fromCallable(() -> new LinkFetch.Failed(url, "the download took too long")))
            .doOnNext(result -> {
                if (result instanceof LinkFetch.Failed failed) {
                    LOGGER.info("Link {} not attached: {}", LogSafe.of(url), LogSafe.of(failed.reason()));
                }
            });
    }

    private LinkFetch download(String url) throws InterruptedException {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return new LinkFetch.Failed(url, "not a valid URL");
        }
        String scheme = Optional.ofNullable(uri.getScheme()).orElse("").toLowerCase(Locale.ROOT);
        if (!"https".equals(scheme) && !("http".equals(scheme) && configuration.allowHttp())) {
            return new LinkFetch.Failed(url, "only https links are fetched");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null) {
            return new LinkFetch.Failed(url, "the link names no plain host");
        }
        Optional<String> refused = refusal(uri.getHost());
        if (refused.isPresent()) {
            return new LinkFetch.Failed(url, refused.get());
        }
        Instant deadline = Instant.now().plus(configuration.timeout());
        try {
            HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(uri).timeout(configuration.timeout()).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    return new LinkFetch.Failed(url, "the server answered " + response.statusCode()
                        + (response.statusCode() / 100 == 3 ? " (redirects are not followed)" : ""));
                }
                OptionalLong length = response.headers().firstValueAsLong("Content-Length");
                if (length.isPresent() && length.getAsLong() > configuration.maxFileSize()) {
                    return new LinkFetch.Failed(url, "the file is larger than " + configuration.maxFileSize() + " bytes");
                }
                byte[] content = ByteStreams.toByteArray(ByteStreams.limit(body, configuration.maxFileSize() + 1L));
                if (content.length > configuration.maxFileSize()) {
                    return new LinkFetch.Failed(url, "the file is larger than " + configuration.maxFileSize() + " bytes");
                }
                if (Instant.now().isAfter(deadline)) {
                    return new LinkFetch.Failed(url, "the download took too long");
                }
                String contentType = response.headers().firstValue("Content-Type").map(type -> type.split(";")[0].trim())
                    .orElse("application/octet-stream");
                return new LinkFetch.Fetched(url, fileName(uri, response), contentType, content);
            }
        } catch (IOException e) {
            return new LinkFetch.Failed(url, "the download failed (" + e.getClass().getSimpleName() + ")");
        }
    }

    // every address the name has must be allowed: the client connects to one of them
    private Optional<String> refusal(String host) {
        try {
            InetAddress[] addresses = InetAddress.getAllByName(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
            for (InetAddress address : addresses) {
                Optional<String> refusal = addressPolicy.refusal(address);
                if (refusal.isPresent()) {
                    return refusal;
                }
            }
            return Optional.empty();
        } catch (UnknownHostException e) {
            return Optional.of("the host name does not resolve");
        }
    }

    private static String fileName(URI uri, HttpResponse<?> response) {
        Optional<String> fromHeader = response.headers().firstValue("Content-Disposition")
            .map(FILE_NAME::matcher)
            .filter(Matcher::find)
            .map(matcher -> matcher.group(1).trim());
        String path = Optional.ofNullable(uri.getRawPath()).orElse("");
        String lastSegment = URLDecoder.decode(path.substring(path.lastIndexOf('/') + 1), StandardCharsets.UTF_8);
        String name = fromHeader.orElse(lastSegment).replaceAll("[\\\\/\\p{Cntrl}]", "_");
        return name.isBlank() ? "download" : name;
    }

    public void dispose() {
        scheduler.dispose();
    }
}
