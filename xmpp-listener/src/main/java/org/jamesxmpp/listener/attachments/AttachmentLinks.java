package org.jamesxmpp.listener.attachments;

import java.io.File;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Optional;

import javax.inject.Inject;
import javax.inject.Singleton;
import javax.net.ssl.SSLContext;

import org.apache.james.blob.api.HashBlobId;
import org.apache.james.filesystem.api.FileSystem;
import org.jamesxmpp.core.mapping.AttachmentLinkProvider;
import org.jamesxmpp.listener.configuration.AttachmentsConfiguration;

/**
 * Attachment links as {@code attachments} of {@code xmpp.xml} configures them: none without {@code attachments/bind},
 * else a store of files (a directory or James's blob store, {@code attachments/store}), the capability links the mapping puts in stanzas, and the HTTP server that
 * serves them (started and stopped with the XMPP listener).
 */
@Singleton
public class AttachmentLinks {
    private final Optional<CapabilityLinks> links;
    private final Optional<AttachmentHttpServer> server;

    public AttachmentLinks(AttachmentsConfiguration configuration, FileSystem fileSystem, Clock clock) {
        this(configuration, fileSystem, clock, Optional::empty);
    }

    @Inject
    public AttachmentLinks(AttachmentsConfiguration configuration, FileSystem fileSystem, Clock clock, BlobStoreLookup blobStores) {
        if (!configuration.enabled()) {
            links = Optional.empty();
            server = Optional.empty();
            return;
        }
        AttachmentStore store = store(configuration, fileSystem, clock, blobStores);
        links = Optional.of(new CapabilityLinks(store, configuration.baseUrl(), configuration.expiry(),
            configuration.maxFileSize(), clock));
        InetSocketAddress bind = configuration.bind()
            .map(hostPort -> new InetSocketAddress(hostPort.host(), hostPort.port()))
            .orElseThrow();
        server = Optional.of(new AttachmentHttpServer(store, bind, configuration.threads(), clock,
            configuration.https().map(https -> sslContext(fileSystem, https))));
    }

    private static AttachmentStore store(AttachmentsConfiguration configuration, FileSystem fileSystem, Clock clock,
                                         BlobStoreLookup blobStores) {
        if (configuration.store() == AttachmentsConfiguration.Store.DIRECTORY) {
            return new AttachmentDirectory(directory(fileSystem, configuration.directory()).toPath(), clock);
        }
        return blobStores.blobStore()
            .map(blobs -> new BlobStoreAttachments(blobs, new HashBlobId.Factory(), clock))
            .orElseThrow(() -> new IllegalStateException("xmpp.xml: attachments/store 'blobstore' needs a James that binds a"
                + " blob store (BlobStoreDAO), as James's memory and distributed servers do; this one binds none: use 'directory'"));
    }

    // read at start: a keystore that cannot be used stops the start naming it
    private static SSLContext sslContext(FileSystem fileSystem, AttachmentsConfiguration.Https https) {
        try {
            return AttachmentTls.serverContext(fileSystem.getFile(https.keystore()).toPath(), https.keystoreType(),
                https.secret());
        } catch (FileNotFoundException e) {
            throw new IllegalStateException("xmpp.xml: the keystore '" + https.keystore() + "' of attachments/https is not found", e);
        }
    }

    private static File directory(FileSystem fileSystem, String location) {
        try {
            return fileSystem.getFile(location);
        } catch (FileNotFoundException e) {
            throw new UncheckedIOException("attachments/directory '" + location + "' cannot be resolved", e);
        }
    }

    public Optional<AttachmentLinkProvider> linkProvider() {
        return links.map(AttachmentLinkProvider.class::cast);
    }

    public void start() {
        try {
            if (server.isPresent()) {
                server.get().start();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the attachment HTTP server", e);
        }
    }

    public Optional<InetSocketAddress> address() {
        return server.flatMap(AttachmentHttpServer::address);
    }

    public void stop() {
        server.ifPresent(AttachmentHttpServer::stop);
    }
}
