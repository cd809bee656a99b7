package org.jamesxmpp.core.routing;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Name;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import org.xbill.DNS.lookup.LookupSession;
import org.xbill.DNS.lookup.NoSuchDomainException;
import org.xbill.DNS.lookup.NoSuchRRSetException;

import com.google.common.collect.ImmutableList;

/** SRV lookups through dnsjava's asynchronous {@link LookupSession} (no thread blocked per lookup). */
public class DnsJavaSrvLookup implements SrvLookup {
    private static final String SERVICE_PREFIX = "_xmpp-server._tcp.";

    private final LookupSession session;

    public DnsJavaSrvLookup() {
        this(LookupSession.defaultBuilder().build());
    }

    public DnsJavaSrvLookup(LookupSession session) {
        this.session = session;
    }

    /**
     * Asks {@code servers} in order ({@code dns/servers} of xmpp.xml), each for at most {@code timeout}; the system's
     * servers when empty.
     */
    public static DnsJavaSrvLookup asking(List<InetSocketAddress> servers, Duration timeout) {
        if (servers.isEmpty()) {
            return new DnsJavaSrvLookup();
        }
        Resolver[] resolvers = servers.stream().map(SimpleResolver::new).toArray(Resolver[]::new);
        ExtendedResolver resolver = new ExtendedResolver(resolvers);
        resolver.setTimeout(timeout);
        return new DnsJavaSrvLookup(LookupSession.defaultBuilder().resolver(resolver).build());
    }

    @Override
    public CompletionStage<List<SrvTarget>> lookup(String domain) {
        Name name;
        try {
            name = Name.fromString(SERVICE_PREFIX + domain + ".");
        } catch (TextParseException e) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("Invalid domain " + domain, e));
        }
        return session.lookupAsync(name, Type.SRV)
            .<List<SrvTarget>>thenApply(result -> result.getRecords().stream()
                .filter(SRVRecord.class::isInstance)
                .map(SRVRecord.class::cast)
                .filter(srv -> !srv.getTarget().equals(Name.root))
                .sorted(Comparator.comparingInt(SRVRecord::getPriority)
                    .thenComparing(Comparator.comparingInt(SRVRecord::getWeight).reversed()))
                .map(srv -> new SrvTarget(srv.getTarget().toString(true), srv.getPort(),
                    srv.getPriority(), srv.getWeight(), Duration.ofSeconds(srv.getTTL())))
                .collect(ImmutableList.toImmutableList()))
            .exceptionally(DnsJavaSrvLookup::emptyWhenMissing);
    }

    private static List<SrvTarget> emptyWhenMissing(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof NoSuchDomainException || cause instanceof NoSuchRRSetException) {
            return ImmutableList.of();
        }
        throw new CompletionException(cause);
    }
}
