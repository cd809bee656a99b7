package org.jamesxmpp.benchmarks;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.james.core.MailAddress;
import org.jamesxmpp.core.mapping.InboundContext;
import org.jamesxmpp.core.mapping.InboundMail;
import org.jamesxmpp.core.mapping.InboundResult;
import org.jamesxmpp.core.mapping.MappingOptions;
import org.jamesxmpp.core.mapping.MappingResult;
import org.jamesxmpp.core.mapping.MimeToStanza;
import org.jamesxmpp.core.mapping.OutboundStanza;
import org.jamesxmpp.core.mapping.ServerStanzaParser;
import org.jamesxmpp.core.mapping.StanzaToMime;
import org.jamesxmpp.core.s2s.AuthMethod;
import org.jivesoftware.smack.packet.Message;
import org.jxmpp.jid.impl.JidCreate;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Both directions of the mapping. "outbound*" = mail bytes to serialized jabber:server stanza; "inbound*" = stanza
 * XML (parsed) to mail bytes; "inbound*Converted" leaves the parse out.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class MappingBenchmark {
    private MailAddress sender;
    private List<MailAddress> recipients;
    private MappingOptions options;
    private InboundContext inboundContext;
    private byte[] textMail;
    private byte[] htmlMail;
    private byte[] threadReplyMail;
    private String textStanza;
    private String htmlStanza;
    private String threadReplyStanza;
    private Message threadReplyMessage;

    @Setup
    public void setUp() throws Exception {
        sender = new MailAddress("bob@james.test");
        recipients = List.of(new MailAddress("alice@a.test"));
        options = MappingOptions.defaults();
        inboundContext = InboundContext.of(JidCreate.domainBareFrom("a.test"), AuthMethod.DIALBACK, true, "mx.james.test",
            Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC));
        textMail = BenchmarkInputs.textMail4k();
        htmlMail = BenchmarkInputs.htmlMail40k();
        threadReplyStanza = BenchmarkInputs.threadReplyStanza();
        threadReplyMessage = ServerStanzaParser.parseMessage(threadReplyStanza);
        textStanza = asIncoming(MimeToStanza.convert(textMail, sender, recipients, options).stanzas().get(0));
        htmlStanza = asIncoming(MimeToStanza.convert(htmlMail, sender, recipients, options).stanzas().get(0));
        InboundResult reply = StanzaToMime.convert(threadReplyMessage, inboundContext);
        threadReplyMail = ((InboundMail) reply).mimeBytes();
    }

    private static String asIncoming(OutboundStanza stanza) {
        return stanza.xml().replace("from='bob@james.test'", "from='alice@a.test'").replace("to='alice@a.test'", "to='bob@james.test'");
    }

    @Benchmark
    public MappingResult outboundText4k() throws Exception {
        return MimeToStanza.convert(textMail, sender, recipients, options);
    }

    @Benchmark
    public MappingResult outboundHtml40k() throws Exception {
        return MimeToStanza.convert(htmlMail, sender, recipients, options);
    }

    @Benchmark
    public MappingResult outboundThreadReply() throws Exception {
        return MimeToStanza.convert(threadReplyMail, new MailAddress("alice@a.test"), List.of(new MailAddress("bob@james.test")), options);
    }

    @Benchmark
    public InboundResult inboundText4k() throws Exception {
        return StanzaToMime.convert(ServerStanzaParser.parseMessage(textStanza), inboundContext);
    }

    @Benchmark
    public InboundResult inboundHtml40k() throws Exception {
        return StanzaToMime.convert(ServerStanzaParser.parseMessage(htmlStanza), inboundContext);
    }

    @Benchmark
    public InboundResult inboundThreadReply() throws Exception {
        return StanzaToMime.convert(ServerStanzaParser.parseMessage(threadReplyStanza), inboundContext);
    }

    @Benchmark
    public InboundResult inboundThreadReplyConverted() throws Exception {
        return StanzaToMime.convert(threadReplyMessage, inboundContext);
    }
}
