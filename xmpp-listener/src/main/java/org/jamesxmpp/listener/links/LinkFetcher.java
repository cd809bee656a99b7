package org.jamesxmpp.listener.links;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.inject.Inject;
import javax.inject.Singleton;

import org.apache.http.Header;
import org.apache.http.HttpEntity;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpGet;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.jamesxmpp.core.log.LogSafe;
import org.jamesxmpp.core.mapping.LinkFetch;
import org.jamesxmpp.listener.configuration.LinkFetchConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.common.annotations.VisibleForTesting;
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
 *
 * <p>The host is resolved once, by the HTTP client's resolver, which refuses the name unless every address is allowed
 * and hands the client exactly the addresses it checked: the connection goes to a checked address, so a DNS answer that
 * changes between the check and the connection (DNS rebinding) cannot lead it elsewhere. TLS still checks the
 * certificate against the name of the link.
 */
@Singleton
public class LinkFetcher {
    private static final Logger LOGGER = LoggerFactory.getLogger(LinkFetcher.class);
    private static final Pattern FILE_NAME = Pattern.compile("filename\\s*=\\s*\"?([^\";]+)\"?", Pattern.CASE_INSENSITIVE);
    private static final int CONCURRENCY = 4;

    /** How a host name becomes addresses: the system resolver, or a test's. */
    @FunctionalInterface
    public interface HostResolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** A name with an address that is not allowed: the client never connects. */
    private static final class RefusedAddress extends UnknownHostException {
        RefusedAddress(String reason) {
            super(reason);
        }
    }

    private final LinkFetchConfiguration configuration;
    private final AddressPolicy addressPolicy;
    private final HostResolver resolver;
    private final CloseableHttpClient client;
    private final Scheduler scheduler;

    @Inject
    public LinkFetcher(LinkFetchConfiguration configuration) {
        this(configuration, InetAddress::getAllByName);
    }

    @VisibleForTesting
    LinkFetcher(LinkFetchConfiguration configuration, HostResolver resolver) {
        this.configuration = configuration;
        this.addressPolicy = new AddressPolicy(configuration.allowedAddresses());
        this.resolver = resolver;
        int timeout = Math.toIntExact(configuration.timeout().toMillis());
        this.client = HttpClients.custom()
            .setDnsResolver(this::checkedAddresses)
            .disableRedirectHandling()
            .disableAutomaticRetries()
            .disableContentCompression()
            .disableCookieManagement()
            .disableAuthCaching()
            .setMaxConnTotal(CONCURRENCY * 4)
            .setMaxConnPerRoute(CONCURRENCY)
            .setDefaultRequestConfig(RequestConfig.custom()
                .setConnectTimeout(timeout)
                .setSocketTimeout(timeout)
                .setConnectionRequestTimeout(timeout)
                .build())
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

    private LinkFetch download(String url) {
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
        Instant deadline = Instant.now().plus(configuration.timeout());
        HttpGet request = new HttpGet(uri);
        try (CloseableHttpResponse response = client.execute(request)) {
            int status = response.getStatusLine().getStatusCode();
            if (status != 200) {
                return new LinkFetch.Failed(url, "the server answered " + status
                    + (status / 100 == 3 ? " (redirects are not followed)" : ""));
            }
            HttpEntity entity = response.getEntity();
            if (entity == null) {
                return new LinkFetch.Failed(url, "the server answered no content");
            }
            long length = entity.getContentLength();
            if (length > configuration.maxFileSize()) {
                return new LinkFetch.Failed(url, "the file is larger than " + configuration.maxFileSize() + " bytes");
            }
            byte[] content;
            try (InputStream body = entity.getContent()) {
                content = ByteStreams.toByteArray(ByteStreams.limit(body, configuration.maxFileSize() + 1L));
            }
            if (content.length > configuration.maxFileSize()) {
                return new LinkFetch.Failed(url, "the file is larger than " + configuration.maxFileSize() + " bytes");
            }
            if (Instant.now().isAfter(deadline)) {
                return new LinkFetch.Failed(url, "the download took too long");
            }
            String contentType = Optional.ofNullable(response.getFirstHeader("Content-Type")).map(Header::getValue)
                .map(type -> type.split(";")[0].trim())
                .orElse("application/octet-stream");
            return new LinkFetch.Fetched(url, fileName(uri, response), contentType, content);
        } catch (RefusedAddress e) {
            return new LinkFetch.Failed(url, e.getMessage());
        } catch (UnknownHostException e) {
            return new LinkFetch.Failed(url, "the host name does not resolve");
        } catch (IOException e) {
            request.abort();
            return new LinkFetch.Failed(url, "the download failed (" + e.getClass().getSimpleName() + ")");
        }
    }

    // every address the name has must be allowed; the client connects only to these, so what was checked is what is used
    private InetAddress[] checkedAddresses(String host) throws UnknownHostException {
        InetAddress[] addresses = resolver.resolve(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        if (addresses.length == 0) {
            throw new UnknownHostException(host);
        }
        for (InetAddress address : addresses) {
            Optional<String> refusal = addressPolicy.refusal(address);
            if (refusal.isPresent()) {
                throw new RefusedAddress(refusal.get());
            }
        }
        return addresses.clone();
    }

    private static String fileName(URI uri, CloseableHttpResponse response) {
        Optional<String> fromHeader = Optional.ofNullable(response.getFirstHeader("Content-Disposition"))
            .map(Header::getValue)
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
        try {
            client.close();
        } catch (IOException e) {
            LOGGER.debug("closing the link fetch client", e);
        }
    }
}
