package org.jamesxmpp.benchmarks;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.james.core.MailAddress;
import org.jamesxmpp.core.mapping.AuthMethod;
import org.jamesxmpp.core.mapping.InboundContext;
import org.jamesxmpp.core.mapping.InboundMail;
import org.jamesxmpp.core.mapping.InboundResult;
import org.jamesxmpp.core.mapping.MappingOptions;
import org.jamesxmpp.core.mapping.StanzaToMime;
import org.jamesxmpp.core.outgoing.EncodedMail;
import org.jamesxmpp.core.outgoing.MailEncoder;
import org.jamesxmpp.core.s2s.S2sSettings;
import org.jamesxmpp.core.s2s.codec.StandaloneStanzas;
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
 * Both directions of the mapping, through the engine's codec as on the wire. "outbound*" = mail bytes to the encoded
 * stanza; "inbound*" = stanza XML (decoded like a peer's stream) to mail bytes; "inbound*Converted" leaves the decoding out.
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
        threadReplyMessage = parse(threadReplyStanza);
        textStanza = asIncoming(MailEncoder.encode(textMail, sender, recipients, options).stanzas().get(0));
        htmlStanza = asIncoming(MailEncoder.encode(htmlMail, sender, recipients, options).stanzas().get(0));
        InboundResult reply = StanzaToMime.convert(threadReplyMessage, inboundContext);
        threadReplyMail = ((InboundMail) reply).mimeBytes();
    }

    private static Message parse(String xml) {
        return StandaloneStanzas.parseMessage(xml, S2sSettings.DEFAULT_MAX_STANZA_SIZE);
    }

    private static String asIncoming(EncodedMail.Recipient stanza) {
        return stanza.stanza().xml().replace("from='bob@james.test'", "from='alice@a.test'").replace("to='alice@a.test'", "to='bob@james.test'");
    }

    @Benchmark
    public EncodedMail outboundText4k() throws Exception {
        return MailEncoder.encode(textMail, sender, recipients, options);
    }

    @Benchmark
    public EncodedMail outboundHtml40k() throws Exception {
        return MailEncoder.encode(htmlMail, sender, recipients, options);
    }

    @Benchmark
    public EncodedMail outboundThreadReply() throws Exception {
        return MailEncoder.encode(threadReplyMail, new MailAddress("alice@a.test"), List.of(new MailAddress("bob@james.test")), options);
    }

    @Benchmark
    public InboundResult inboundText4k() throws Exception {
        return StanzaToMime.convert(parse(textStanza), inboundContext);
    }

    @Benchmark
    public InboundResult inboundHtml40k() throws Exception {
        return StanzaToMime.convert(parse(htmlStanza), inboundContext);
    }

    @Benchmark
    public InboundResult inboundThreadReply() throws Exception {
        return StanzaToMime.convert(parse(threadReplyStanza), inboundContext);
    }

    @Benchmark
    public InboundResult inboundThreadReplyConverted() throws Exception {
        return StanzaToMime.convert(threadReplyMessage, inboundContext);
    }
}
