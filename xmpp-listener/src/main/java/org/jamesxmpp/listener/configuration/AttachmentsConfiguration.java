package org.jamesxmpp.listener.configuration;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import org.apache.commons.configuration2.HierarchicalConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.commons.configuration2.tree.ImmutableNode;

import com.google.common.collect.ImmutableSet;

/**
 * {@code attachments} of {@code xmpp.xml}: where attachments too large for a stanza are served from. Without
 * {@code attachments/bind} there is no file server and such attachments stay a note in the body.
 *
 * @param bind the HTTP listener ({@code host:port})
 * @param baseUrl what recipients see before {@code <token>/<file name>}; it may be an HTTPS reverse proxy in front
 *     of {@code bind}. Default {@code http://<bind>/xmpp-files/}
 * @param directory where the files are kept ({@code file://var/xmpp-files/}, James's file system names)
 * @param expiry how long a link works
 * @param maxFileSize larger attachments get no link (a note instead)
 * @param threads requests served at once
 * @param https when present the server speaks HTTPS (TLS from the first byte) with this keystore
 * @param store where the files are kept: {@code directory} or James's blob store ({@code blobstore})
 */
public record AttachmentsConfiguration(Optional<HostPort> bind, URI baseUrl, String directory, Duration expiry,
                                       int maxFileSize, int threads, Optional<Https> https, Store store) {
    /** {@code attachments/store}. */
    public enum Store {
        /** {@code attachments/directory}, the default: survives a restart in every flavour. */
        DIRECTORY,
        /** The {@code BlobStoreDAO} James binds: shared by the nodes of a James distributed cluster (Cassandra, S3). */
        BLOBSTORE
    }

    /**
     * The certificate of the HTTPS server: {@code attachments/keystore}, else {@code tls/keystore} of the file, else
     * the bundled {@code conf/keystore}, as James's file system names them.
     */
    public record Https(String keystore, String keystoreType, String secret) {
    }

    public static final String DEFAULT_DIRECTORY = "file://var/xmpp-files/";
    public static final Duration DEFAULT_EXPIRY = Duration.ofDays(7);
    public static final int DEFAULT_MAX_FILE_SIZE = 100 * 1024 * 1024;
    public static final int DEFAULT_THREADS = 4;
    static final Set<String> KEYS = ImmutableSet.of("attachments", "attachments.bind", "attachments.baseUrl",
        "attachments.directory", "attachments.expiry", "attachments.maxFileSize", "attachments.threads",
        "attachments.https", "attachments.keystore", "attachments.keystoreType", "attachments.secret",
        "attachments.store");

    public AttachmentsConfiguration(Optional<HostPort> bind, URI baseUrl, String directory, Duration expiry,
                                    int maxFileSize, int threads) {
        this(bind, baseUrl, directory, expiry, maxFileSize, threads, Optional.empty(), Store.DIRECTORY);
    }

    public static AttachmentsConfiguration disabled() {
        return new AttachmentsConfiguration(Optional.empty(), URI.create("http://localhost/xmpp-files/"), DEFAULT_DIRECTORY,
            DEFAULT_EXPIRY, DEFAULT_MAX_FILE_SIZE, DEFAULT_THREADS);
    }

    public static AttachmentsConfiguration from(HierarchicalConfiguration<ImmutableNode> config) throws ConfigurationException {
        ConfigurationValues values = new ConfigurationValues(config);
        Optional<String> bindValue = values.string("attachments.bind");
        if (bindValue.isEmpty()) {
            return disabled();
        }
        HostPort bind = HostPort.parse(bindValue.get(), "attachments/bind");
        Optional<Https> https = values.bool("attachments.https", false) ? Optional.of(https(values)) : Optional.empty();
        URI baseUrl = baseUrl(values, bind, https.isPresent());
        return new AttachmentsConfiguration(Optional.of(bind), baseUrl,
            values.string("attachments.directory").orElse(DEFAULT_DIRECTORY),
            values.duration("attachments.expiry", DEFAULT_EXPIRY),
            values.size("attachments.maxFileSize", DEFAULT_MAX_FILE_SIZE),
            values.positiveInt("attachments.threads", DEFAULT_THREADS),
            https, store(values));
    }

    private static Store store(ConfigurationValues values) throws ConfigurationException {
        String value = values.string("attachments.store").orElse("directory");
        switch (value) {
            case "directory":
                return Store.DIRECTORY;
            case "blobstore":
                return Store.BLOBSTORE;
            default:
                throw new ConfigurationException(String.format(
                    "xmpp.xml: attachments/store '%s' is not one of directory, blobstore", value));
        }
    }

    private static Https https(ConfigurationValues values) {
        Optional<String> own = values.string("attachments.keystore");
        if (own.isPresent()) {
            return new Https(own.get(), values.string("attachments.keystoreType").orElse(TlsConfiguration.DEFAULT_STORE_TYPE),
                values.string("attachments.secret").orElse(""));
        }
        Optional<String> s2s = values.string("tls.keystore");
        if (s2s.isPresent()) {
            return new Https(s2s.get(), values.string("tls.keystoreType").orElse(TlsConfiguration.DEFAULT_STORE_TYPE),
                values.string("tls.secret").orElse(""));
        }
        return new Https(C2sConfiguration.BUNDLED_KEYSTORE, TlsConfiguration.DEFAULT_STORE_TYPE,
            values.string("attachments.secret").orElse(C2sConfiguration.BUNDLED_KEYSTORE_SECRET));
    }

    private static URI baseUrl(ConfigurationValues values, HostPort bind, boolean https) throws ConfigurationException {
        Optional<String> value = values.string("attachments.baseUrl");
        if (value.isEmpty()) {
            String host = bind.host().contains(":") ? "[" + bind.host() + "]" : bind.host();
            return URI.create((https ? "https://" : "http://") + host + ":" + bind.port() + "/xmpp-files/");
        }
        try {
            URI uri = new URI(value.get().endsWith("/") ? value.get() : value.get() + "/");
            if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null
                || uri.getQuery() != null || uri.getFragment() != null) {
                throw new IllegalArgumentException("not an http(s) URL without query");
            }
            return uri;
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new ConfigurationException(String.format("xmpp.xml: attachments/baseUrl '%s' is not an http:// or https:// URL"
                + " without query", value.get()));
        }
    }

    public boolean enabled() {
        return bind.isPresent();
    }
}
